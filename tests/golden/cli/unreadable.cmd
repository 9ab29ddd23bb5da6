lint does-not-exist.json
