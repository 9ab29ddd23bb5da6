eval -c "States.StringSplit($.csv, ',')" -i in.json
