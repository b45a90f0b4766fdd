import asyncio

import aiohttp


async def fetch_all(urls):
    timeout = aiohttp.ClientTimeout(total=10)
    async with aiohttp.ClientSession(timeout=timeout) as session:
        async def one(url):
            async with session.get(url) as resp:
                return await resp.text()
        return await asyncio.gather(*(one(u) for u in urls))
