lint --frmat json x.json
