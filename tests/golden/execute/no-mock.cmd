run lambda.asl.json
