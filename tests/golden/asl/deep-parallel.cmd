lint deep-parallel.asl.json
