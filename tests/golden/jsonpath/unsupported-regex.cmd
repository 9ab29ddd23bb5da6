jsonpath '$..book[?(@.author =~ /.*Tolkien/i)]' store.json
