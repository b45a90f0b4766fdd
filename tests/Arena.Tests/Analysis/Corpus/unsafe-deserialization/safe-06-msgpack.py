import msgpack


def decode_event(payload: bytes) -> dict:
    return msgpack.unpackb(payload, raw=False, strict_map_key=True)
