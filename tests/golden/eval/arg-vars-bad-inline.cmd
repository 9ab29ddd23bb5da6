eval '{% $k %}' -i in.json --vars '{"k": }'
