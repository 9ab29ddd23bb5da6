jsonpath -c '$.a[-2:]' -
