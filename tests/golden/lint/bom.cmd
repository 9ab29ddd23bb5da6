lint bom.json
