lint payload-duplicate.asl.json
