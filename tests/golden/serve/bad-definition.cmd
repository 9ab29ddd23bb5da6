serve --port 0 bad.asl.json
