lint graph.asl.json
