compile --check err-reference-path.sfn
