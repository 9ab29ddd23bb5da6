lint --color=sometimes empty.json
