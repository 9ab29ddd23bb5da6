compile --asl ../../../examples/bedrock_joke.sfn
