query = sql.SQL("SELECT * FROM {} WHERE id = %s").format(sql.Identifier(table_name))
cur.execute(query, (row_id,))
