compile --check err-comment.sfn
