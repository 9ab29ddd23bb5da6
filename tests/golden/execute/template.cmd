run template.yaml --machine Flow --mock-config tasks.mock.json --test-case Flow#Go -c
