import pytest
from django.db import connection

from lianxin.core import crypto
from lianxin.core.masking import mask_id_number, mask_mobile
from lianxin.people.models import Person


def test_encrypt_then_decrypt_gives_the_plaintext_back():
    token = crypto.encrypt("13800000001")

    assert token.startswith("v1:")
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
