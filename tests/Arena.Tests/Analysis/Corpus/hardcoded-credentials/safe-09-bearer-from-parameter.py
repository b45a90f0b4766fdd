def auth_headers(token):
    token_type = "Bearer"
    return {"Authorization": f"{token_type} {token}"}
