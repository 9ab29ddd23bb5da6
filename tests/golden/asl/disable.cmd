lint --disable asl-unreachable --disable SFN3011 --disable asl-state-name --disable asl-no-path-to-end bad-graph.asl.json graph.asl.json
