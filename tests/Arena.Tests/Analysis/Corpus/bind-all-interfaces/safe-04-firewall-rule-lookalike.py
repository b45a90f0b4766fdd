import ipaddress

ANY = ipaddress.ip_network("0.0.0.0/0")


def is_open_to_world(rule):
    return ipaddress.ip_network(rule["cidr"]) == ANY and rule["action"] == "allow"
