eval 'States.Format('\''Hello, {}!'\'', $.name)' -i in.json
