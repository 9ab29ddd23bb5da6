compile --asl --template ../../../examples/bedrock_prompt.sfn
