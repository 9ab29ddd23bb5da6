jsonpath '$' stdin-bad
