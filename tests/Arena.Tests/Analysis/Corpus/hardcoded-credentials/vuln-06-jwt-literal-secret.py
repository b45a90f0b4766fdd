import datetime

import jwt


def issue_token(user_id):
    payload = {
        "sub": str(user_id),
        "exp": datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(hours=1),
    }
    return jwt.encode(payload, "my-jwt-secret-2024", algorithm="HS256")
