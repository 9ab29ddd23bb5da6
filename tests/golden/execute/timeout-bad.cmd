run lambda.asl.json --read-timeout 0
