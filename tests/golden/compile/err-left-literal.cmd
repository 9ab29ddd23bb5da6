compile --check err-left-literal.sfn
