import xmlrpc.client


def list_methods():
    proxy = xmlrpc.client.ServerProxy("http://rpc.example.org/RPC2")
    return proxy.system.listMethods()


if __name__ == "__main__":
    print(list_methods())
