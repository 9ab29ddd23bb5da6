run jsonata-errors.asl.json --no-wait --history --name golden --context start.json -c
