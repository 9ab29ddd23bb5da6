lint --format github bad-graph.asl.json
