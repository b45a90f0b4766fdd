import argparse
import subprocess as sp


def backup(source, output):
    """Create a gzipped tarball of SOURCE at OUTPUT."""
    return sp.call("tar -czf " + output + " " + source, shell=True)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description="Back up a directory")
    parser.add_argument("source")
    parser.add_argument("output")
    args = parser.parse_args()
    raise SystemExit(backup(args.source, args.output))
