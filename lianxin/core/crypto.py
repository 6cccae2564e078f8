"""Encryption of personal data at rest, and blind indexes for exact-match search.

Every encrypted field in Lianxin goes through this module, so that the cipher can be changed in one place
(the security issue moves it to SM4-GCM for 商用密码 deployments). A token is ``v<version>:<base64>`` so
that keys can rotate: old tokens stay readable while new ones are written with the current key.
"""

import base64
import hashlib
import hmac
import os
from functools import cache

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from django.conf import settings

CURRENT_VERSION = 1
_NONCE_BYTES = 12


class DecryptionError(ValueError):
    pass


def _derive(purpose: bytes) -> bytes:
    material = settings.FIELD_ENCRYPTION_KEY.encode()
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=b"lianxin", info=purpose).derive(material)


@cache
def _cipher(version: int) -> AESGCM:
    return AESGCM(_derive(b"field-encryption-v%d" % version))


@cache
def _index_key() -> bytes:
    return _derive(b"blind-index")


def encrypt(plaintext: str) -> str:
    nonce = os.urandom(_NONCE_BYTES)
    sealed = _cipher(CURRENT_VERSION).encrypt(nonce, plaintext.encode(), None)
    return f"v{CURRENT_VERSION}:" + base64.urlsafe_b64encode(nonce + sealed).decode()


def decrypt(token: str) -> str:
    try:
        version, payload = token.split(":", 1)
        raw = base64.urlsafe_b64decode(payload)
        return (
            _cipher(int(version.removeprefix("v")))
            .decrypt(raw[:_NONCE_BYTES], raw[_NONCE_BYTES:], None)
            .decode()
        )
    except Exception as exc:  # any malformed or foreign token is the same failure to the caller
        raise DecryptionError("cannot decrypt field value") from exc


def blind_index(value: str, *, purpose: str) -> str:
    """A keyed hash of a normalised value: equal values match, nothing can be read back from it."""
    message = f"{purpose}:{value}".encode()
    return hmac.new(_index_key(), message, hashlib.sha256).hexdigest()


def clear_key_cache() -> None:
    """For tests that change FIELD_ENCRYPTION_KEY."""
    _cipher.cache_clear()
    _index_key.cache_clear()
