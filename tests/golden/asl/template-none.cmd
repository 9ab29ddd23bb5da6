lint template-none.yaml
