import http.client
import json


def get_status(host):
    conn = http.client.HTTPSConnection(host)
    try:
        conn.request("GET", "/status")
        return json.loads(conn.getresponse().read())
    finally:
        conn.close()
