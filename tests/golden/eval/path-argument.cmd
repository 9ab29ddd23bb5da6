eval 'States.ArrayLength($.a..)'
