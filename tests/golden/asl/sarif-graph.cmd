lint --format sarif bad-no-terminal.asl.json
