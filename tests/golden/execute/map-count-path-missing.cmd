run map-paths.asl.json --no-wait -c --input '{"mode": "count", "items": [{"ok": true}, {"ok": false}, {"ok": true}]}'
