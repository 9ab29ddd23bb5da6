lint --format github bad.json dup.json
