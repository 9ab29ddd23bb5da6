lint bad-no-terminal.asl.json
