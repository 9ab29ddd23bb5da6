eval "Format('x')"
