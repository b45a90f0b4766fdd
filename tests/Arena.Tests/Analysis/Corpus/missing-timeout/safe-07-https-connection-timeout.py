import http.client
import json


def get_status(host):
    conn = http.client.HTTPSConnection(host, timeout=10)
    try:
        conn.request("GET", "/status")
        return json.loads(conn.getresponse().read())
    finally:
        conn.close()
