run map-paths.asl.json --no-wait -c --input '{"mode": "inline", "items": [1, 2]}'
