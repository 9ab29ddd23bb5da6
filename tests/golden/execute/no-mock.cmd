run ../../../examples/bedrock_joke.asl.json
