compile --check err-asl-field-value.sfn
