CMD = "uptime"
load = subprocess.check_output(CMD, shell=True, text=True)
print(load)
