lint --format yaml x.json
