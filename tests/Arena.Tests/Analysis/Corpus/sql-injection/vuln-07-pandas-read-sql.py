df = pd.read_sql(f"SELECT * FROM sales WHERE sale_date >= '{start_date}'", conn)
print(df.groupby("region")["amount"].sum())
