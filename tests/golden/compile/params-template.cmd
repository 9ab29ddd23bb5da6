compile --template params.sfn
