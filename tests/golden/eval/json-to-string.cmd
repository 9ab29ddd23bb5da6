eval "States.JsonToString($.obj)" -i in.json
