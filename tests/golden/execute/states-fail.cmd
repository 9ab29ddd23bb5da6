run states.asl.json --no-wait -c --input '{"numbers": [30, 1], "who": "Bob", "expected": 2}'
