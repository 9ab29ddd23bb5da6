compile --check err-untyped-paths.sfn
