lint jsonata-errors.asl.json
