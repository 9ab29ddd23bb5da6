lint billion-laughs.yaml
