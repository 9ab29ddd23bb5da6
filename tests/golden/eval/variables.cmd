eval 'States.Format('\''{}, {}'\'', $greeting, $count)' --vars vars.json
