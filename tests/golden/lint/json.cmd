lint --format json bad.json dup.json
