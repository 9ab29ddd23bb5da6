run tasks.asl.json --mock-config tasks.mock.json --test-case RetriesExhausted --no-wait -c -i '{"n": 1}'
