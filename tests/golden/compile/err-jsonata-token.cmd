compile --check err-jsonata-token.sfn
