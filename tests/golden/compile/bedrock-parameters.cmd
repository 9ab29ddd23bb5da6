compile --asl bedrock-parameters.sfn
