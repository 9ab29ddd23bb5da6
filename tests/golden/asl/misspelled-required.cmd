lint misspelled-required.asl.json
