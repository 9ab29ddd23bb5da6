jsonpath --rfc9535 "$['a\\\"b'].c" quote.json
