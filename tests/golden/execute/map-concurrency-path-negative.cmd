run map-paths.asl.json --no-wait -c --input '{"mode": "inline", "limit": -1, "items": [1, 2]}'
