lint bad-graph.asl.json
