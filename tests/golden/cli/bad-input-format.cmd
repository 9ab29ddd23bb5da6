lint --input-format toml x.json
