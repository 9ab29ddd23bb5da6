compile --check err-path-syntax.sfn
