lint quote-escape.asl.json
