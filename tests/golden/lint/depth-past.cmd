lint depth-past.json
