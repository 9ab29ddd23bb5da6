compile --check err-escape.sfn
