run jsonata-uncaught.asl.json --input '{"n":1}'
