proxy = xmlrpc.client.ServerProxy("http://127.0.0.1:9001/RPC2")
print(proxy.supervisor.getState())
