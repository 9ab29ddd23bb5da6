eval 'States.Format('\''\n{}'\'', $.name)' -i in.json
