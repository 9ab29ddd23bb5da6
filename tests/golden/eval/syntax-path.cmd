eval '$.a['
