jsonpath --rfc9535 -c '$.store.bicycle.wheels' store.json
