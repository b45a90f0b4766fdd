import asyncio


async def traceroute(host: str) -> str:
    proc = await asyncio.create_subprocess_shell(
        f"traceroute -m 10 {host}",
        stdout=asyncio.subprocess.PIPE,
    )
    out, _ = await proc.communicate()
    return out.decode()


if __name__ == "__main__":
    print(asyncio.run(traceroute("example.com")))
