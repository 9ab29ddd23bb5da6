run tasks.asl.json --mock-config tasks.mock.json --test-case CatchFatal --no-wait -c -i '{"n": 1}'
