lint sam/streamed.yaml
