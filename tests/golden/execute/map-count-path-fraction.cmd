run map-paths.asl.json --no-wait -c --input '{"mode": "count", "limit": 2.5, "items": [{"ok": true}, {"ok": false}, {"ok": true}]}'
