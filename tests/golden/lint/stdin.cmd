lint -f json -- -
