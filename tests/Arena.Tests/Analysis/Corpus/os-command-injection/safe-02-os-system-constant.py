os.system("clear")
print("Menu:\n 1) start\n 2) quit")
