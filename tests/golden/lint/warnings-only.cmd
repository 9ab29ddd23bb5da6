lint dup.json
