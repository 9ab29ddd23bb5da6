lint jsonata-yaml.yaml
