import random
import time

OTP_TTL = 300


class OtpService:
    def __init__(self):
        self.codes = {}

    def issue(self, phone):
        code = random.randint(100000, 999999)
        self.codes[phone] = (code, time.time() + OTP_TTL)
        return code
