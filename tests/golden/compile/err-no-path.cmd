compile --check err-no-path.sfn
