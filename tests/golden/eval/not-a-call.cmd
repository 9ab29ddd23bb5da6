eval foo
