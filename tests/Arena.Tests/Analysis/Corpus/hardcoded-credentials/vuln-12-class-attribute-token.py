class SlackNotifier:
    webhook_token = "xoxb-2231-88812-Zq7vT4mPp0aLx9"

    def notify(self, text):
        return requests.post(SLACK_URL, json={"text": text, "token": self.webhook_token}, timeout=5)
