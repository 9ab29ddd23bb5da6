lint --strict dup.json
