lint -q --strict dup.json
