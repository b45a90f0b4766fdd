DB_HOST = "10.0.0.12"
DB_USER = "reporting"
DB_PASSWORD = "s3cr3t-pa55"
