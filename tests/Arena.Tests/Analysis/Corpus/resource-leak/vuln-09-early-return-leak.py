def read_png_header(path):
    """Return the IHDR bytes of a PNG file or None if it is not a PNG."""
    f = open(path, "rb")
    magic = f.read(8)
    if magic != b"\x89PNG\r\n\x1a\n":
        return None
    header = f.read(25)
    f.close()
    return header


if __name__ == "__main__":
    import sys
    print(read_png_header(sys.argv[1]))
