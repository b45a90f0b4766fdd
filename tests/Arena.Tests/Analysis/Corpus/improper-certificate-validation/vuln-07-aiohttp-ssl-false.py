import asyncio

import aiohttp


async def fetch(url):
    timeout = aiohttp.ClientTimeout(total=10)
    async with aiohttp.ClientSession(timeout=timeout) as session:
        async with session.get(url, ssl=False) as resp:
            return await resp.text()


if __name__ == "__main__":
    print(asyncio.run(fetch("https://self-signed.example.com")))
