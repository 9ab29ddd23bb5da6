lint empty.json
