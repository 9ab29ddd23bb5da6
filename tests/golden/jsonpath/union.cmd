jsonpath -c "$.store.book[0]['title','price']" store.json
