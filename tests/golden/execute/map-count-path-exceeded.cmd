run map-paths.asl.json --no-wait -c --input '{"mode": "count", "limit": 0, "items": [{"ok": true}, {"ok": false}, {"ok": true}]}'
