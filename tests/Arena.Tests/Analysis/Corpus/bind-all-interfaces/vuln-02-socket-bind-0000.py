server.bind(("0.0.0.0", 9000))
server.listen(5)
