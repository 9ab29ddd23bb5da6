eval '{% $sift({"a": 1}) %}'
