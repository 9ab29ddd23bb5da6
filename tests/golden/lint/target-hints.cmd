lint target-hints.json
