lint resources.asl.json
