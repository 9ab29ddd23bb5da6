compile --asl ../../../examples/bedrock_prompt.sfn StateMachine
