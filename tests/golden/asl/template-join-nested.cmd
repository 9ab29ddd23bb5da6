lint template-join-nested.json template-join-nested.yaml
