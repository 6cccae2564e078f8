import io

import pytest
from django.db import connection

from lianxin.core import crypto
from lianxin.core.masking import mask_id_number, mask_mobile
from lianxin.people.models import Person


def test_encrypt_then_decrypt_gives_the_plaintext_back():
    token = crypto.encrypt("13800000001")

    assert token.startswith("v2:sm4:")
    assert "13800000001" not in token
    assert crypto.decrypt(token) == "13800000001"


def test_the_same_value_encrypts_differently_each_time():
    assert crypto.encrypt("13800000001") != crypto.encrypt("13800000001")


def test_a_tampered_token_is_refused():
    token = crypto.encrypt("370982199001011234")
    tampered = token[:-2] + ("A" if token[-2] != "A" else "B") + token[-1]

    with pytest.raises(crypto.DecryptionError):
        crypto.decrypt(tampered)


def test_a_token_from_another_key_is_refused(settings):
    token = crypto.encrypt("13800000001")
    settings.FIELD_ENCRYPTION_KEY = "another-deployment-key"
    crypto.clear_key_cache()
    try:
        with pytest.raises(crypto.DecryptionError):
            crypto.decrypt(token)
    finally:
        crypto.clear_key_cache()


def test_blind_index_matches_equal_values_only_and_depends_on_purpose():
    first = crypto.blind_index("13800000001", purpose="person.mobile")

    assert first == crypto.blind_index("13800000001", purpose="person.mobile")
    assert first != crypto.blind_index("13800000002", purpose="person.mobile")
    assert first != crypto.blind_index("13800000001", purpose="person.id_number")


@pytest.mark.django_db
def test_the_mobile_number_is_stored_encrypted_and_read_back_in_clear():
    person = Person(name="测试")
    person.set_mobile("139 1234 5678")
    person.save()

    with connection.cursor() as cursor:
        cursor.execute("SELECT mobile, mobile_index FROM people_person WHERE id = %s", [person.pk])
        stored, index = cursor.fetchone()
    assert "13912345678" not in stored
    assert "13912345678" not in index
    assert Person.objects.get(pk=person.pk).mobile == "13912345678"
    assert Person.objects.filter(mobile_index=Person.mobile_lookup("+86 139-1234-5678")).get() == person


@pytest.mark.parametrize(
    ("value", "masked"),
    [("13812341234", "138****1234"), ("", ""), ("12345", "*****")],
)
def test_mobile_numbers_are_masked_to_the_first_three_and_last_four_digits(value, masked):
    assert mask_mobile(value) == masked


@pytest.mark.parametrize(
    ("value", "masked"),
    [("370982199001011234", "370982********1234"), ("37098219900101123X", "370982********123X"), ("", "")],
)
def test_id_numbers_are_masked_to_region_and_last_four(value, masked):
    assert mask_id_number(value) == masked


@pytest.fixture
def keys(settings):
    """Settings changes to the keys, with the derived-key caches cleared on the way in and out."""
    crypto.clear_key_cache()
    yield settings
    crypto.clear_key_cache()


def _first_release_token(plaintext: str) -> str:
    """A token exactly as the first release sealed it: AES-256-GCM, key HKDF-SHA256(info=v1), "v1:<b64>"."""
    import base64
    import os

    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM
    from cryptography.hazmat.primitives.kdf.hkdf import HKDF
    from django.conf import settings

    key = HKDF(algorithm=hashes.SHA256(), length=32, salt=b"lianxin", info=b"field-encryption-v1").derive(
        settings.FIELD_ENCRYPTION_KEY.encode()
    )
    nonce = os.urandom(12)
    return (
        "v1:"
        + base64.urlsafe_b64encode(nonce + AESGCM(key).encrypt(nonce, plaintext.encode(), None)).decode()
    )


def test_sm4_gcm_is_the_default_cipher_and_aes_gcm_is_a_setting(keys):
    assert crypto.encrypt("13800000001").startswith("v2:sm4:")

    keys.FIELD_CIPHER = "aes-gcm"
    aes_token = crypto.encrypt("13800000001")
    assert aes_token.startswith("v2:aes:")
    keys.FIELD_CIPHER = "sm4-gcm"
    # A token names its cipher, so changing the setting leaves old tokens readable.
    assert crypto.decrypt(aes_token) == "13800000001"


def test_the_sm4_token_really_is_sm4_gcm(keys):
    import base64

    from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

    token = crypto.encrypt("370982199001011234")
    raw = base64.urlsafe_b64decode(token.split(":", 2)[2])
    nonce, body, tag = raw[:12], raw[12:-16], raw[-16:]
    decryptor = Cipher(algorithms.SM4(crypto._key(2, "sm4")), modes.GCM(nonce, tag)).decryptor()
    assert (decryptor.update(body) + decryptor.finalize()).decode() == "370982199001011234"


def test_first_release_aes_tokens_stay_readable():
    assert crypto.decrypt(_first_release_token("13912345678")) == "13912345678"


def test_a_rotated_key_reads_old_tokens_with_the_old_key_and_seals_new_ones_with_the_new(keys):
    old_token = crypto.encrypt("13800000001")
    old_key = keys.FIELD_ENCRYPTION_KEY
    keys.FIELD_ENCRYPTION_KEY = "a-brand-new-key-for-version-3"
    keys.FIELD_ENCRYPTION_KEY_VERSION = 3
    keys.FIELD_ENCRYPTION_OLD_KEYS = {"2": old_key}
    crypto.clear_key_cache()

    assert crypto.decrypt(old_token) == "13800000001"
    assert crypto.encrypt("13800000001").startswith("v3:sm4:")
    assert not crypto.is_current(old_token)

    keys.FIELD_ENCRYPTION_OLD_KEYS = {}
    crypto.clear_key_cache()
    with pytest.raises(crypto.DecryptionError):
        crypto.decrypt(old_token)


def test_the_blind_index_is_hmac_sm3_by_default_and_hmac_sha256_by_setting(keys):
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives import hmac as crypto_hmac

    mac = crypto_hmac.HMAC(crypto._index_key("sm3"), hashes.SM3())
    mac.update(b"person.mobile:13800000001")
    assert crypto.blind_index("13800000001", purpose="person.mobile") == mac.finalize().hex()

    import hashlib
    import hmac

    keys.BLIND_INDEX_HASH = "sha256"
    expected = hmac.new(crypto._index_key("sha256"), b"person.mobile:13800000001", hashlib.sha256).hexdigest()
    assert crypto.blind_index("13800000001", purpose="person.mobile") == expected


@pytest.mark.django_db
def test_rotate_field_keys_reseals_old_tokens_and_recomputes_the_indexes(keys, world):
    from django.core.management import call_command

    from lianxin.audit.models import AuditRecord

    person = Person(name="轮换")
    person.save()
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE people_person SET mobile = %s, mobile_index = %s WHERE id = %s",
            [_first_release_token("13712345678"), "stale-index", person.pk],
        )

    call_command("rotate_field_keys", stdout=io.StringIO())

    with connection.cursor() as cursor:
        cursor.execute("SELECT mobile, mobile_index FROM people_person WHERE id = %s", [person.pk])
        stored, index = cursor.fetchone()
    assert stored.startswith("v2:sm4:")
    assert index == Person.mobile_lookup("13712345678")
    assert Person.objects.get(mobile_index=Person.mobile_lookup("137 1234 5678")) == person
    assert AuditRecord.objects.filter(object_type="core.field_keys").exists()


@pytest.mark.django_db
def test_household_circumstances_and_notes_are_sealed_at_rest(world):
    from lianxin.areas.models import Household

    household = Household.objects.order_by("id").first()
    household.note = "低保户，独居老人"
    household.save()

    with connection.cursor() as cursor:
        cursor.execute("SELECT note FROM areas_household WHERE id = %s", [household.pk])
        stored = cursor.fetchone()[0]
    assert "低保" not in stored
    assert stored.startswith("v2:sm4:")
    assert Household.objects.get(pk=household.pk).note == "低保户，独居老人"
