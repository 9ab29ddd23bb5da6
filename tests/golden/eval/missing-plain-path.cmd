eval '$.nope' -i in.json
