eval '$.a' -i '{"a":'
