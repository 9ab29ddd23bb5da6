lint --format
