run template.yaml -m Other -c
