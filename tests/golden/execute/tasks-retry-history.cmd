run tasks.asl.json --mock-config tasks.mock.json --test-case RetryThenSucceed --no-wait --history --name golden --context start.json -i '{"n": 1}'
