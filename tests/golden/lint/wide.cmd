lint wide.json
