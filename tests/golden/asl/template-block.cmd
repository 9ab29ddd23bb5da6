lint template-block.yaml
