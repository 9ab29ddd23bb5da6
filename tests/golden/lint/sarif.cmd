lint --format sarif bad.json dup.json
