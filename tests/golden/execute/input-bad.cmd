run states.asl.json --input '{"a": }'
