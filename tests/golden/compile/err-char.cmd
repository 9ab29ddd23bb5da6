compile --check err-char.sfn
