LOG_FILE = "/var/tmp/app-debug.log"
logging.basicConfig(filename=LOG_FILE, level=logging.INFO)
