"""Encryption of personal data at rest, and blind indexes for exact-match search.

Every encrypted field in Lianxin goes through this module. A token names the key version that sealed it and,
from version 2 on, the cipher: ``v<version>:<cipher>:<base64(nonce + ciphertext + tag)>``; the first
release's tokens, ``v1:<base64>``, are AES-256-GCM. So keys rotate and ciphers change without a flag day:
old tokens stay readable with their own key while new ones are sealed with the current one, and
``manage.py rotate_field_keys`` re-seals everything with the current key.

- ``FIELD_CIPHER``: ``sm4-gcm`` (商用密码, GB/T 32907, the default) or ``aes-gcm``; both through the
  ``cryptography`` package (OpenSSL).
- ``FIELD_ENCRYPTION_KEY`` is the current key, of version ``FIELD_ENCRYPTION_KEY_VERSION``;
  ``FIELD_ENCRYPTION_OLD_KEYS`` ({"1": "…"}) holds earlier keys still needed to read. Until version 1 is
  given there, it is the current key material (the first release derived every version from one key).
- Blind indexes: HMAC-SM3 (``BLIND_INDEX_HASH=sm3``, the default) or HMAC-SHA256, with a key derived from
  the current key; ``rotate_field_keys`` recomputes them.
"""

import base64
import hashlib
import hmac
import os
from functools import cache

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives import hmac as crypto_hmac
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from django.conf import settings

_NONCE_BYTES = 12
_TAG_BYTES = 16
CIPHERS = ("sm4-gcm", "aes-gcm")
_TOKEN_CIPHER = {"sm4-gcm": "sm4", "aes-gcm": "aes"}


class DecryptionError(ValueError):
    pass


def current_version() -> int:
    return settings.FIELD_ENCRYPTION_KEY_VERSION


def current_cipher() -> str:
    if settings.FIELD_CIPHER not in CIPHERS:
        raise ValueError(f"FIELD_CIPHER must be one of {', '.join(CIPHERS)}")
    return settings.FIELD_CIPHER


def _key_material(version: int) -> bytes:
    old = {int(k): v for k, v in (settings.FIELD_ENCRYPTION_OLD_KEYS or {}).items()}
    if version == current_version():
        return settings.FIELD_ENCRYPTION_KEY.encode()
    if version in old:
        return old[version].encode()
    if version == 1:
        return settings.FIELD_ENCRYPTION_KEY.encode()
    raise DecryptionError(f"no key of version {version} (FIELD_ENCRYPTION_OLD_KEYS)")


def _hkdf(material: bytes, info: bytes, length: int, algorithm) -> bytes:
    return HKDF(algorithm=algorithm, length=length, salt=b"lianxin", info=info).derive(material)


@cache
def _aes_v1(version_material: bytes) -> AESGCM:
    # The first release: HKDF-SHA256, info "field-encryption-v1".
    return AESGCM(_hkdf(version_material, b"field-encryption-v1", 32, hashes.SHA256()))


@cache
def _key(version: int, cipher: str) -> bytes:
    material = _key_material(version)
    if cipher == "sm4":
        return _hkdf(material, b"field-encryption:sm4-gcm:v%d" % version, 16, hashes.SM3())
    return _hkdf(material, b"field-encryption:aes-gcm:v%d" % version, 32, hashes.SHA256())


def _seal(cipher: str, key: bytes, nonce: bytes, plaintext: bytes) -> bytes:
    if cipher == "aes":
        return AESGCM(key).encrypt(nonce, plaintext, None)
    encryptor = Cipher(algorithms.SM4(key), modes.GCM(nonce)).encryptor()
    return encryptor.update(plaintext) + encryptor.finalize() + encryptor.tag


def _open(cipher: str, key: bytes, nonce: bytes, sealed: bytes) -> bytes:
    if cipher == "aes":
        return AESGCM(key).decrypt(nonce, sealed, None)
    body, tag = sealed[:-_TAG_BYTES], sealed[-_TAG_BYTES:]
    decryptor = Cipher(algorithms.SM4(key), modes.GCM(nonce, tag)).decryptor()
    return decryptor.update(body) + decryptor.finalize()


def encrypt(plaintext: str) -> str:
    cipher = _TOKEN_CIPHER[current_cipher()]
    version = current_version()
    nonce = os.urandom(_NONCE_BYTES)
    sealed = _seal(cipher, _key(version, cipher), nonce, plaintext.encode())
    return f"v{version}:{cipher}:" + base64.urlsafe_b64encode(nonce + sealed).decode()


def token_version(token: str) -> tuple[int, str]:
    """(key version, cipher) of a token: ``(1, "aes")`` for the first release's ``v1:<base64>``."""
    parts = token.split(":")
    if len(parts) == 2:
        return int(parts[0].removeprefix("v")), "aes-v1"
    return int(parts[0].removeprefix("v")), parts[1]


def is_current(token: str) -> bool:
    try:
        return token_version(token) == (current_version(), _TOKEN_CIPHER[current_cipher()])
    except ValueError:
        return False


def decrypt(token: str) -> str:
    try:
        version, cipher = token_version(token)
        raw = base64.urlsafe_b64decode(token.rsplit(":", 1)[1])
        nonce, sealed = raw[:_NONCE_BYTES], raw[_NONCE_BYTES:]
        if cipher == "aes-v1":
            return _aes_v1(_key_material(version)).decrypt(nonce, sealed, None).decode()
        if cipher not in ("sm4", "aes"):
            raise DecryptionError(f"unknown cipher {cipher!r}")
        return _open(cipher, _key(version, cipher), nonce, sealed).decode()
    except Exception as exc:  # any malformed or foreign token is the same failure to the caller
        raise DecryptionError("cannot decrypt field value") from exc


@cache
def _index_key(algorithm: str) -> bytes:
    if algorithm == "sha256":
        # The first release's blind-index key (HKDF-SHA256, "blind-index"), kept for BLIND_INDEX_HASH=sha256.
        return _hkdf(settings.FIELD_ENCRYPTION_KEY.encode(), b"blind-index", 32, hashes.SHA256())
    return _hkdf(settings.FIELD_ENCRYPTION_KEY.encode(), b"blind-index:hmac-sm3", 32, hashes.SM3())


def blind_index(value: str, *, purpose: str) -> str:
    """A keyed hash of a normalised value: equal values match, nothing can be read back from it."""
    algorithm = settings.BLIND_INDEX_HASH
    message = f"{purpose}:{value}".encode()
    if algorithm == "sha256":
        return hmac.new(_index_key("sha256"), message, hashlib.sha256).hexdigest()
    if algorithm != "sm3":
        raise ValueError("BLIND_INDEX_HASH must be sm3 or sha256")
    mac = crypto_hmac.HMAC(_index_key("sm3"), hashes.SM3())
    mac.update(message)
    return mac.finalize().hex()


def clear_key_cache() -> None:
    """For tests that change the keys."""
    _aes_v1.cache_clear()
    _key.cache_clear()
    _index_key.cache_clear()
