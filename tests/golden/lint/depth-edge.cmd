lint depth-edge.json
