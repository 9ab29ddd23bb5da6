lint ../../../examples/bedrock_joke.asl.json ../../../examples/bedrock_prompt.asl.json
