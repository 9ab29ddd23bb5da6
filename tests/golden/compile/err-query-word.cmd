compile --check err-query-word.sfn
