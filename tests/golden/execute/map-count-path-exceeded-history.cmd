run map-paths.asl.json --no-wait --history --name golden --context start.json --input '{"mode": "count", "limit": 0, "items": [{"ok": true}, {"ok": false}, {"ok": true}]}'
