lint --format json utf8-cut.json
