ssl_ctx = ssl.create_default_context(cafile=certifi.where())
async with session.get(url, ssl=ssl_ctx) as resp:
    body = await resp.text()
