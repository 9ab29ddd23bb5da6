run states.asl.json --no-wait -c --input -
