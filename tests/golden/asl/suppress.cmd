lint suppress.asl.json
