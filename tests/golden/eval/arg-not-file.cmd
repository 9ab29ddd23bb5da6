eval '$.x' -i nope.json
