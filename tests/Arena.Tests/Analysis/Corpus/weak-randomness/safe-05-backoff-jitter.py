delay = min(60, 2 ** attempt) + random.uniform(0, 1)
time.sleep(delay)
