eval '$.a' -i @missing.json
