run tasks.asl.json --mock-config bad.mock.json --test-case Bad
