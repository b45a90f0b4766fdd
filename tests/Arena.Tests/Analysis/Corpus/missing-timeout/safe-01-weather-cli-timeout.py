import argparse

import requests


def get_weather(city):
    url = f"https://wttr.in/{city}?format=j1"
    response = requests.get(url, timeout=10)
    response.raise_for_status()
    return response.json()["current_condition"][0]["temp_C"]


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("city")
    print(get_weather(parser.parse_args().city))
