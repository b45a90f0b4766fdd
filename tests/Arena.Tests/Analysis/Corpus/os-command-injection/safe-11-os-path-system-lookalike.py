platform_name = platform.system()
if platform_name == "Windows":
    print("Use the .exe installer")
