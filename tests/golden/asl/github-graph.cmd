lint --format github graph.asl.json
