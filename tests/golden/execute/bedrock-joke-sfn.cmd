run ../../../examples/bedrock_joke.sfn --mock-config ../../../examples/bedrock_joke.mock.json --test-case HappyPath
