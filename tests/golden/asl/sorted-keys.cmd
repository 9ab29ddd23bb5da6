lint sorted-keys.asl.json
