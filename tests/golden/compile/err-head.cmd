compile --check err-head.sfn
