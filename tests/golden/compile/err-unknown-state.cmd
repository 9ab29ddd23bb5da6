compile --check err-unknown-state.sfn
