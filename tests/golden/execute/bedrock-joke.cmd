run ../../../examples/bedrock_joke.asl.json --mock-config ../../../examples/bedrock_joke.mock.json --test-case HappyPath
