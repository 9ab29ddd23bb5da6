run ../../../examples/bedrock_joke.sfn --machine Nope
