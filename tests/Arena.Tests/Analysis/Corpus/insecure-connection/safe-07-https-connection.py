conn = http.client.HTTPSConnection("api.example.com", timeout=10)
conn.request("GET", "/v1/status")
print(conn.getresponse().status)
