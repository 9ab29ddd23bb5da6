lint --format github missing.json "$(printf 'no\377such\033.json')"
