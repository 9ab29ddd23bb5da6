jsonpath -c -- '$.a' stdin.stdin
