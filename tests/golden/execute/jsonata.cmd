run jsonata.asl.json
