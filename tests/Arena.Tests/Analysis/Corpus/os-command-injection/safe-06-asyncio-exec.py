import asyncio


async def transcode(src: str, dst: str) -> int:
    proc = await asyncio.create_subprocess_exec("ffmpeg", "-y", "-i", src, "-vn", dst)
    return await proc.wait()


if __name__ == "__main__":
    asyncio.run(transcode("in.mp4", "out.mp3"))
