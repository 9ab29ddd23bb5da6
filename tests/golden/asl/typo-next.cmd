lint typo-next.asl.json
