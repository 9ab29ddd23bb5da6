compile --template ../../../examples/bedrock_joke.sfn
