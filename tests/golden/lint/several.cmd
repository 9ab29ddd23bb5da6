lint truncated.json control.json
