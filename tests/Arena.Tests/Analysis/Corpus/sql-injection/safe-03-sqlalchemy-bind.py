import os

from sqlalchemy import create_engine, text

engine = create_engine(os.environ["DATABASE_URL"])


def search_products(term, limit=20):
    sql = text("SELECT id, name FROM products WHERE name LIKE :pattern LIMIT :limit")
    with engine.connect() as conn:
        return conn.execute(sql, {"pattern": f"%{term}%", "limit": limit}).fetchall()
