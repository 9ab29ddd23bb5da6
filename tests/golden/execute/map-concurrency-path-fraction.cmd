run map-paths.asl.json --no-wait -c --input '{"mode": "inline", "limit": 2.5, "items": [1, 2]}'
