run map-paths.asl.json --no-wait -c --input '{"mode": "count", "limit": -1, "items": [{"ok": true}, {"ok": false}, {"ok": true}]}'
