compile --check err-empty-map.sfn
