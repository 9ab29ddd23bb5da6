run tasks.asl.json --mock-config tasks.mock.json --test-case TimesOut --no-wait -c -i '{"n": 1}'
