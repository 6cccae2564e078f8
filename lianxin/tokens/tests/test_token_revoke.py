import pytest

from lianxin.core.errors_domain import DomainError
from lianxin.tokens.services import token_create, token_revoke

pytestmark = pytest.mark.django_db


def test_revoking_a_token_records_when(cast):
    token, _secret = token_create(actor=cast.grid_worker, name="a")

    revoked = token_revoke(actor=cast.grid_worker, token=token)

    assert revoked.revoked_at is not None
    assert not revoked.is_active
    assert revoked.status() == "revoked"


def test_revoking_twice_keeps_the_first_time(cast):
    token, _secret = token_create(actor=cast.grid_worker, name="a")
    first = token_revoke(actor=cast.grid_worker, token=token).revoked_at

    again = token_revoke(actor=cast.grid_worker, token=token)

    assert again.revoked_at == first


def test_nobody_revokes_another_persons_token(cast):
    token, _secret = token_create(actor=cast.grid_worker, name="a")

    with pytest.raises(DomainError):
        token_revoke(actor=cast.street_secretary, token=token)

    token.refresh_from_db()
    assert token.revoked_at is None
