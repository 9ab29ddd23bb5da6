lint --format json bad-paths.asl.json
