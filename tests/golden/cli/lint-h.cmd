lint -h
