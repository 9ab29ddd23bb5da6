lint sam/template.yaml
