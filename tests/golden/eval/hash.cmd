eval "States.Hash('abc', 'SHA-256')"
