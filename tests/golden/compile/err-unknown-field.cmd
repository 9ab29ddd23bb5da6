compile --check err-unknown-field.sfn
