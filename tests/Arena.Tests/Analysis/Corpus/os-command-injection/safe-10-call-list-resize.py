subprocess.call(["convert", src, "-resize", "50%", dst])
