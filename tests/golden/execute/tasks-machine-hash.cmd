run tasks.asl.json --mock-config tasks.mock.json --test-case tasks#CatchFatal --no-wait -c
