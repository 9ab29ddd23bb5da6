lint --input-format yaml comment.json
