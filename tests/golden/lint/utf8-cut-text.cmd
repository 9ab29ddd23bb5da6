lint --format text utf8-cut.json
