compile --check err-path-in-array.sfn
