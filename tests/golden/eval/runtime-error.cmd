eval "States.ArrayGetItem($.n, 5)" -i in.json
