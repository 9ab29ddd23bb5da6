jsonpath "$['a\\\"b'].c" quote.json
