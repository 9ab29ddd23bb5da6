compile --check err-path-in-result.sfn
