def drop_table(conn, table_name):
    conn.executescript("DROP TABLE IF EXISTS " + table_name + ";")
