lint template.yaml
