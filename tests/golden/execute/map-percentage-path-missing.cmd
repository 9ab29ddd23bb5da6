run map-paths.asl.json --no-wait -c --input '{"mode": "percentage", "items": [{"ok": true}, {"ok": false}, {"ok": true}]}'
