run tasks.asl.json --mock-config tasks.mock.json
