compile --asl docs-examples.sfn
