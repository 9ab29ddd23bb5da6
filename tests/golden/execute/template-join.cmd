run joined.template.json
