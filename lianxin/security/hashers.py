"""PBKDF2-HMAC-SM3 for deployments whose 密评 requires 商用密码 (PASSWORD_HASHER=sm3).

The same construction as Django's PBKDF2 hasher with SM3 as the hash, computed by the ``cryptography``
package (OpenSSL).
"""

import base64

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.pbkdf2 import PBKDF2HMAC
from django.contrib.auth.hashers import PBKDF2PasswordHasher
from django.utils.crypto import constant_time_compare


class PBKDF2SM3PasswordHasher(PBKDF2PasswordHasher):
    algorithm = "pbkdf2_sm3"
    iterations = 600_000
    digest = None  # not a hashlib constructor: see _derive

    @staticmethod
    def _derive(password: str, salt: str, iterations: int) -> bytes:
        kdf = PBKDF2HMAC(algorithm=hashes.SM3(), length=32, salt=salt.encode(), iterations=iterations)
        return kdf.derive(password.encode())

    def encode(self, password, salt, iterations=None):
        self._check_encode_args(password, salt)
        iterations = iterations or self.iterations
        hashed = base64.b64encode(self._derive(password, salt, iterations)).decode("ascii").strip()
        return f"{self.algorithm}${iterations}${salt}${hashed}"

    def verify(self, password, encoded):
        decoded = self.decode(encoded)
        encoded_2 = self.encode(password, decoded["salt"], decoded["iterations"])
        return constant_time_compare(encoded, encoded_2)
