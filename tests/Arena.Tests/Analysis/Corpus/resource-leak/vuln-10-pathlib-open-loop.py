errors = 0
for line in Path(log_path).open():
    if "ERROR" in line:
        errors += 1
print(f"{errors} errors")
