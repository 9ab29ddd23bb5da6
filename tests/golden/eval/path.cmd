eval -c '$.n[1:]' -i in.json
