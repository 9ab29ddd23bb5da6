compile --check missing.sfn
