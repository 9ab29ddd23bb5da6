compile --template params-allowed.sfn
