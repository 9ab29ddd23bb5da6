lint ctl-esc.json bad-utf8.json
