import requests as rq


def update_status(base_url, ticket_id, status):
    r = rq.put(f"{base_url}/tickets/{ticket_id}", json={"status": status})
    return r.status_code == 200
