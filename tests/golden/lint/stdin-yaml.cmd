lint -
