PASSWORD_FIELD = "password"
TOKEN_URL = "https://auth.example.com/oauth/token"
password_label = "Password"
form = {"username": request.form["username"], PASSWORD_FIELD: request.form[PASSWORD_FIELD]}
