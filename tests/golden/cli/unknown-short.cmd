lint -x x.json
