import random


def train_test_split(rows, ratio=0.8, seed=42):
    rows = list(rows)
    random.Random(seed).shuffle(rows)
    cut = int(len(rows) * ratio)
    return rows[:cut], rows[cut:]
