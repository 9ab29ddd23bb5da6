run states.asl.json --no-wait --history --name golden --context start.json --input '{"numbers": [3, 1, 2], "who": "Ada", "expected": 3}'
