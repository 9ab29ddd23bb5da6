lint broken.yaml
