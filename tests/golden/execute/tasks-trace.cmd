run tasks.asl.json --mock-config tasks.mock.json --test-case RetryThenSucceed --no-wait -c -i '{"n": 1}' --trace
