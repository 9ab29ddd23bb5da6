compile --check err-unknown-model.sfn
