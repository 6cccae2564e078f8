import pytest
from django.test import Client

from lianxin.tokens.services import token_create


@pytest.fixture
def api_as(cast):
    """``api_as("grid_worker")``: a client calling the API with that member of the cast's own token."""

    def client_for(username: str) -> Client:
        _token, secret = token_create(actor=cast[username], name="tests")
        return Client(HTTP_AUTHORIZATION=f"Bearer {secret}")

    return client_for
