lint --input-format json -
