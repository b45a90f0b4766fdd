with open("/tmp/report.csv", "w", newline="") as f:
    csv.writer(f).writerows(rows)
