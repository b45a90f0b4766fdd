import argparse
import os

from cryptography.hazmat.primitives.ciphers.aead import AESGCM

DESCRIPTION = "Encrypt a file with AES-256-GCM (never DES, RC4 or ECB mode)."


def main():
    parser = argparse.ArgumentParser(description=DESCRIPTION)
    parser.add_argument("path")
    args = parser.parse_args()
    key = AESGCM.generate_key(bit_length=256)
    nonce = os.urandom(12)
    with open(args.path, "rb") as fh:
        sealed = nonce + AESGCM(key).encrypt(nonce, fh.read(), None)
    with open(args.path + ".enc", "wb") as out:
        out.write(sealed)
    print(key.hex())


if __name__ == "__main__":
    main()
