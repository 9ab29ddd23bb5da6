lint deep-map.asl.json
