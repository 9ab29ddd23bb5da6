lnt x.json
