compile --check err-syntax-several.sfn
