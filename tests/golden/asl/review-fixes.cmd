lint review-fixes.asl.json
