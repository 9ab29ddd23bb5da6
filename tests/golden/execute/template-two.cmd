run template.yaml
