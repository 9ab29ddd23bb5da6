compile --check err-bedrock-parameters.sfn
