run map-paths.asl.json --no-wait --history --name golden --context start.json --input '{"mode": "inline", "limit": 1, "items": [1, 2]}'
