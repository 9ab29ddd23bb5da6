lint bad-paths.asl.json
