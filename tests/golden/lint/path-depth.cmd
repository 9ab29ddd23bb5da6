lint path-depth.json
