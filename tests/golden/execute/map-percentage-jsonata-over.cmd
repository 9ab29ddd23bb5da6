run map-percentage-jsonata.asl.json --no-wait -c --input '{"limit": 100.5, "items": [{"ok": true}, {"ok": false}, {"ok": true}]}'
