compile --check err-string.sfn
