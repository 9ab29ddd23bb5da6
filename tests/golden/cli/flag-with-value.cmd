lint --strict=yes x.json
