compile --check err-policy.sfn
