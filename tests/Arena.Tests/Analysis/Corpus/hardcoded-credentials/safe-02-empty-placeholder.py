DB_USER = "reporting"
DB_PASSWORD = ""  # fill in locally, never commit the real value
