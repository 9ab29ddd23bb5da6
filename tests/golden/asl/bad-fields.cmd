lint bad-fields.asl.json
