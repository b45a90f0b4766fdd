import csv
import io
from urllib.request import urlopen

DATA_URL = "http://data.example.org/exports/prices.csv"


def load_prices():
    with urlopen(DATA_URL, timeout=10) as resp:
        text = resp.read().decode("utf-8")
    return list(csv.DictReader(io.StringIO(text)))
