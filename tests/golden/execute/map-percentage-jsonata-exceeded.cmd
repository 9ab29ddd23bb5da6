run map-percentage-jsonata.asl.json --no-wait -c --input '{"limit": 33.3, "items": [{"ok": true}, {"ok": false}, {"ok": true}]}'
