jsonpath --rfc9535 -c "$..book[?match(@.author, '.*Melville')].price" store.json
