lint "$(printf 'no\377such\033.json')"
