resp = requests.get(url, verify="/etc/ssl/certs/internal-ca.pem", timeout=10)
