resp = requests.request("DELETE", f"{API}/users/{user_id}", headers=auth_headers)
print(resp.status_code)
