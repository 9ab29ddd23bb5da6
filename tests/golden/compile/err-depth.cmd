compile --check err-depth.sfn
