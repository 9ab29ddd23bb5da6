run lambda.asl.json --test-case Later
