compile --check err-duplicate-field.sfn
