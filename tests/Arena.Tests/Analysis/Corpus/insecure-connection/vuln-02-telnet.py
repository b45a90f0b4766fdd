tn = telnetlib.Telnet(router_ip, 23, timeout=10)
tn.read_until(b"Username: ")
tn.write(username.encode("ascii") + b"\n")
