jsonpath -c '$.o..[?(@.price)]' nested.json
