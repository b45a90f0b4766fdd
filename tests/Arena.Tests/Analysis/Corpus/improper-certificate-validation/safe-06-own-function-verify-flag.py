import csv


def export_report(rows, path, verify=False):
    """Write rows to CSV; with verify=True re-read the file and compare row counts."""
    with open(path, "w", newline="", encoding="utf-8") as fh:
        csv.writer(fh).writerows(rows)
    if verify:
        with open(path, newline="", encoding="utf-8") as fh:
            assert sum(1 for _ in csv.reader(fh)) == len(rows)


if __name__ == "__main__":
    export_report([[1, "a"], [2, "b"]], "report.csv", verify=False)
