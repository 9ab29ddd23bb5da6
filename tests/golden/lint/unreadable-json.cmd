lint --format json bad.json missing.json . "$(printf 'no\377such\033.json')"
