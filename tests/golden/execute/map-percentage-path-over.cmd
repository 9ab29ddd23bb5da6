run map-paths.asl.json --no-wait -c --input '{"mode": "percentage", "limit": 100.5, "items": [{"ok": true}, {"ok": false}, {"ok": true}]}'
