lint --disable no-such-rule x.json
