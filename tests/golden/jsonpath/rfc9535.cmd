jsonpath --rfc9535 -c '$.store.book[?length(@.title) > 15].title' store.json
