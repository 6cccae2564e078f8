import hashlib
from datetime import timedelta

import pytest
from django.test import override_settings
from django.utils import timezone

from lianxin.core.errors_domain import DomainError
from lianxin.tokens.models import ApiToken
from lianxin.tokens.services import token_create

pytestmark = pytest.mark.django_db


def test_a_new_token_is_stored_only_as_a_hash_of_its_secret(cast):
    token, secret = token_create(actor=cast.grid_worker, name="巡查程序")

    stored = ApiToken.objects.get(pk=token.pk)
    assert stored.key_hash == hashlib.sha256(secret.encode()).hexdigest()
    assert secret not in {stored.key_hash, stored.prefix, stored.name}
    assert stored.prefix == secret[:8]
    assert stored.user == cast.grid_worker


def test_two_tokens_never_share_a_secret(cast):
    _one, first = token_create(actor=cast.grid_worker, name="a")
    _two, second = token_create(actor=cast.grid_worker, name="b")

    assert first != second
    assert len(first) > 40


def test_a_token_expires_after_ninety_days_unless_told_otherwise(cast):
    token, _secret = token_create(actor=cast.grid_worker, name="a")

    assert abs(token.expires_at - (timezone.now() + timedelta(days=90))) < timedelta(minutes=1)


@override_settings(API_TOKEN_MAX_DAYS=30)
def test_a_token_may_not_outlive_the_configured_maximum(cast):
    with pytest.raises(DomainError) as refused:
        token_create(actor=cast.grid_worker, name="a", expires_at=timezone.now() + timedelta(days=31))

    assert refused.value.code == "expiry_too_far"
    assert refused.value.field == "expires_at"


def test_a_token_may_not_expire_in_the_past(cast):
    with pytest.raises(DomainError) as refused:
        token_create(actor=cast.grid_worker, name="a", expires_at=timezone.now() - timedelta(seconds=1))

    assert refused.value.code == "expiry_past"


def test_a_token_needs_a_name(cast):
    with pytest.raises(DomainError) as refused:
        token_create(actor=cast.grid_worker, name="   ")

    assert refused.value.field == "name"
    assert not ApiToken.objects.filter(user=cast.grid_worker).exists()


@override_settings(API_TOKEN_MAX_ACTIVE=2)
def test_an_account_holds_a_limited_number_of_active_tokens(cast):
    token_create(actor=cast.grid_worker, name="a")
    token_create(actor=cast.grid_worker, name="b")

    with pytest.raises(DomainError) as refused:
        token_create(actor=cast.grid_worker, name="c")

    assert refused.value.code == "too_many_tokens"
