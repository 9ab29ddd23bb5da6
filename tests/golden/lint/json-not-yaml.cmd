lint comment.json trailing.json
