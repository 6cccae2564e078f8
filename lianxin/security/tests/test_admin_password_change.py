"""The configuration site's own password page is not a second way to change a password: it sends the user
to the account page, which renews the session id and keeps the account's session list
(issue 18, finding 8)."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_the_admin_password_page_sends_to_the_account_page(client_as):
    response = client_as("sysadmin").get("/admin/password_change/")

    assert response.status_code == 302
    assert response["Location"] == reverse("password_change")
