import csv


def load_users(csv_path):
    """Return the rows of a users CSV as a list of dicts."""
    reader = csv.DictReader(open(csv_path, newline=""))
    return [row for row in reader if row.get("email")]


if __name__ == "__main__":
    for user in load_users("users.csv"):
        print(user["email"])
