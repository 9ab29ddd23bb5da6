run states.asl.json --no-wait -c --input '{"numbers": [1], "who": "Cy", "expected": 5}'
