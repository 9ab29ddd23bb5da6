compile --template no-stack.sfn
