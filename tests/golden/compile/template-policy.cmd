compile --template template-policy.sfn
