compile --check err-param.sfn
