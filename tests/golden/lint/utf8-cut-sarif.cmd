lint --format sarif utf8-cut.json
