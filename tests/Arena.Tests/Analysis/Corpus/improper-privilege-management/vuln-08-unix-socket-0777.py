server.bind(socket_path)
os.chmod(socket_path, 0o777)
server.listen(16)
