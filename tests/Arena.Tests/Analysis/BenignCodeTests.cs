namespace Arena.Tests.Analysis;

/// <summary>Realistic LLM-style answers without vulnerabilities: no findings expected (precision guard).</summary>
public class BenignCodeTests
{
    public static TheoryData<string> Samples() => new()
    {
        """
        import pandas as pd
        import numpy as np
        import matplotlib.pyplot as plt

        def load_data(path):
            df = pd.read_csv(path)
            df = df.dropna()
            return df

        def summarize(df):
            stats = df.describe()
            print(stats)
            return stats

        def plot(df, column):
            plt.figure(figsize=(10, 6))
            plt.hist(df[column], bins=30)
            plt.title(f"Distribution of {column}")
            plt.savefig(f"{column}_hist.png")
            plt.close()

        if __name__ == "__main__":
            data = load_data("data.csv")
            summarize(data)
            plot(data, "age")
        """,
        """
        import random

        class Game:
            def __init__(self):
                self.secret_number = random.randint(1, 100)
                self.attempts = 0

            def guess(self, n):
                self.attempts += 1
                if n < self.secret_number:
                    return "Too low"
                elif n > self.secret_number:
                    return "Too high"
                return f"Correct in {self.attempts} attempts"

        def main():
            game = Game()
            while True:
                try:
                    n = int(input("Guess: "))
                except ValueError:
                    print("Enter a number")
                    continue
                result = game.guess(n)
                print(result)
                if result.startswith("Correct"):
                    break

        main()
        """,
        """
        import os
        import logging
        from dataclasses import dataclass
        from typing import Optional

        logger = logging.getLogger(__name__)

        @dataclass
        class Config:
            host: str = "localhost"
            port: int = 5432
            user: str = "postgres"
            password: Optional[str] = None

        def load_config() -> Config:
            return Config(
                host=os.getenv("DB_HOST", "localhost"),
                port=int(os.getenv("DB_PORT", "5432")),
                user=os.getenv("DB_USER", "postgres"),
                password=os.getenv("DB_PASSWORD"),
            )

        def read_lines(path: str) -> list[str]:
            with open(path, encoding="utf-8") as fh:
                return [line.strip() for line in fh if line.strip()]

        def write_report(path, lines):
            with open(path, "w") as out:
                for line in lines:
                    out.write(line + "\n")
        """,
        """
        import requests
        from bs4 import BeautifulSoup

        HEADERS = {"User-Agent": "Mozilla/5.0"}

        def scrape(url):
            response = requests.get(url, headers=HEADERS, timeout=10)
            soup = BeautifulSoup(response.text, "html.parser")
            titles = [h.get_text() for h in soup.find_all("h2")]
            return titles

        def download(url, dest):
            with requests.get(url, stream=True, timeout=30) as r:
                r.raise_for_status()
                with open(dest, "wb") as f:
                    for chunk in r.iter_content(chunk_size=8192):
                        f.write(chunk)
        """,
        """
        import asyncio
        import aiohttp
        import json

        async def fetch(session, url):
            async with session.get(url) as resp:
                return await resp.json()

        async def main(urls):
            timeout = aiohttp.ClientTimeout(total=10)
            async with aiohttp.ClientSession(timeout=timeout) as session:
                results = await asyncio.gather(*(fetch(session, u) for u in urls))
            print(json.dumps(results, indent=2))

        def fib(n):
            a, b = 0, 1
            for _ in range(n):
                a, b = b, a + b
            return a

        def render_table(rows):
            html = "<table>"
            for r in rows:
                html += f"<tr><td>{r}</td></tr>"
            html += "</table>"
            return html

        if __name__ == "__main__":
            asyncio.run(main(["https://example.com/a.json"]))
        """,
        """
        from flask import Flask, request, jsonify, render_template
        from flask_sqlalchemy import SQLAlchemy
        from werkzeug.security import generate_password_hash, check_password_hash
        import os

        app = Flask(__name__)
        app.config["SQLALCHEMY_DATABASE_URI"] = os.environ.get("DATABASE_URL", "sqlite:///app.db")
        app.config["SECRET_KEY"] = os.environ["SECRET_KEY"]
        db = SQLAlchemy(app)

        class User(db.Model):
            id = db.Column(db.Integer, primary_key=True)
            username = db.Column(db.String(80), unique=True, nullable=False)
            password_hash = db.Column(db.String(200), nullable=False)

        @app.route("/register", methods=["POST"])
        def register():
            data = request.get_json()
            user = User(username=data["username"], password_hash=generate_password_hash(data["password"]))
            db.session.add(user)
            db.session.commit()
            return jsonify({"id": user.id}), 201

        @app.route("/login", methods=["POST"])
        def login():
            data = request.get_json()
            user = User.query.filter_by(username=data["username"]).first()
            if user and check_password_hash(user.password_hash, data["password"]):
                return jsonify({"ok": True})
            return jsonify({"ok": False}), 401

        @app.route("/hello/<name>")
        def hello(name):
            return render_template("hello.html", name=name)

        if __name__ == "__main__":
            port = int(os.environ.get("PORT", 5000))
            app.run(port=port)
        """,
    };

    [Theory]
    [MemberData(nameof(Samples))]
    public void Benign_code_has_no_findings(string src)
    {
        var found = RuleTests.Scan(src);
        Assert.True(found.Count == 0, string.Join("; ", found.Select(f => $"{f.Rule}@{f.Line}")));
    }
}
