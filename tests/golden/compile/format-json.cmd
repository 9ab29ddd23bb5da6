compile --check --format json err-unknown-field.sfn
