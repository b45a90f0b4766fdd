if host == "0.0.0.0":
    warnings.warn("binding to all interfaces exposes the service to the network")
