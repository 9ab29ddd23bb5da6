lint jsonata-depth.asl.json
