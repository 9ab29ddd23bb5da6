lint --strict ok-jsonata.asl.json
