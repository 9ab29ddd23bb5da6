lint depth-template.json
