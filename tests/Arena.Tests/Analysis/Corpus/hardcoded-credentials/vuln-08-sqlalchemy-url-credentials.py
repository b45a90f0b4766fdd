from sqlalchemy import create_engine, text

engine = create_engine("postgresql://app:Wint3r1sC0ming@db.example.com:5432/app")


def count_users():
    with engine.connect() as conn:
        return conn.execute(text("SELECT COUNT(*) FROM users")).scalar_one()
