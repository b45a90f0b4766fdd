server.bind(("localhost", 9000))
server.listen(5)
