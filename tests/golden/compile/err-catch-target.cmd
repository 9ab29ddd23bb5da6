compile --check err-catch-target.sfn
