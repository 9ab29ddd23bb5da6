lint suppress-unknown.asl.json
