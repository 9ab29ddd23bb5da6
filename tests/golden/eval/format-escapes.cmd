eval 'States.Format('\''\{{}\} it\'\''s'\'', $.name)' -i in.json
