compile --check err-duplicate-state.sfn
