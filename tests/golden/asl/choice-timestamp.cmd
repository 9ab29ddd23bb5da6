lint choice-timestamp.asl.json
