lint no-path.asl.json
