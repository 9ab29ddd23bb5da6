run ../../../examples/bedrock_prompt.sfn --mock-config ../../../examples/bedrock_prompt.mock.json --test-case StateMachine#HappyPath --input "{\"prompt\": \"Tell me a cowboy joke\"}"
