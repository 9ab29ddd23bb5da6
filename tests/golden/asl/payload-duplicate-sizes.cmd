lint payload-duplicate-sizes.asl.json
