eval -c "States.Array($.name, 1, true, null, $.obj)" -i in.json
