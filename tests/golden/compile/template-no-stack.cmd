compile --template ../../../examples/bedrock_prompt.sfn NoSuchStack
