lint --disable json-duplicate-key --disable SFN1005 --strict dup.json
