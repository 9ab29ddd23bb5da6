lint --format github utf8-cut.json
