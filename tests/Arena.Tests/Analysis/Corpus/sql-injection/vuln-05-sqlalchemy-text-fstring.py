import os

from sqlalchemy import create_engine, text

engine = create_engine(os.environ["DATABASE_URL"])


def search_products(term, limit=20):
    sql = text(f"SELECT id, name FROM products WHERE name LIKE '%{term}%' LIMIT {limit}")
    with engine.connect() as conn:
        return conn.execute(sql).fetchall()
