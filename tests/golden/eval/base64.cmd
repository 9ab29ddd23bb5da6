eval "States.Base64Encode('Data to encode')"
