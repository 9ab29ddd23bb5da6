lint -q dup.json
