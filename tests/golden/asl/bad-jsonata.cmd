lint bad-jsonata.asl.json
