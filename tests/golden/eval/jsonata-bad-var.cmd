eval '{% $k %}' --var k
