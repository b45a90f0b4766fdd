mode = os.stat(log_path).st_mode
os.chmod(log_path, mode | stat.S_IWOTH)
