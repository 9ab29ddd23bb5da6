run states.asl.json --no-wait --input '{"numbers": [3, 1, 2], "who": "Ada", "expected": 3}'
