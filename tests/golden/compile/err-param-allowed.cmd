compile --check err-param-allowed.sfn
