lint jsonata-top-level.asl.json
