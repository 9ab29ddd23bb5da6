lint dup-scopes.asl.json
