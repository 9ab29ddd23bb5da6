compile --check err-eof.sfn
