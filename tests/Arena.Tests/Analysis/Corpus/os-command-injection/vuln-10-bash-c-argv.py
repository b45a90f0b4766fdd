result = subprocess.run(["bash", "-c", f"grep -rn {pattern} {path}"], capture_output=True, text=True)
print(result.stdout)
