compile --check err-duplicate-stack.sfn
