import openai

# Replace the placeholder with your key, or better: export OPENAI_API_KEY.
openai.api_key = "YOUR_API_KEY"


def summarize(text):
    resp = openai.ChatCompletion.create(model="gpt-3.5-turbo", messages=[{"role": "user", "content": text}])
    return resp["choices"][0]["message"]["content"]
