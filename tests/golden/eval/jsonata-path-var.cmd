eval '$k.a' --var 'k={"a":[1]}' -c
