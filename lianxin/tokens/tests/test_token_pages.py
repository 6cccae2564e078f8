"""The API tokens page: a person's own tokens, a new token shown once, revoking."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from lianxin.tokens.models import ApiToken
from lianxin.tokens.services import token_create

pytestmark = [pytest.mark.django_db, pytest.mark.urls("lianxin.tokens.tests.urls")]


def _in_days(days: int) -> str:
    return (timezone.localdate() + timedelta(days=days)).isoformat()


def test_the_page_lists_only_my_own_tokens(client_as, cast):
    token_create(actor=cast.grid_worker, name="我的巡查脚本")
    token_create(actor=cast.street_secretary, name="街道的报表程序")

    html = client_as("grid_worker").get(reverse("token_list")).content.decode()

    assert "我的巡查脚本" in html
    assert "街道的报表程序" not in html


def test_creating_a_token_shows_its_secret_once(client_as, cast):
    client = client_as("grid_worker")

    created = client.post(reverse("token_list"), {"name": "数据同步", "expires_on": _in_days(30)})
    token = ApiToken.objects.get(user=cast.grid_worker, name="数据同步")
    secret = created.context["secret"]

    assert created.status_code == 200
    assert secret.startswith(token.prefix)
    assert secret in created.content.decode()
    assert "no-cache" in created["Cache-Control"] or "no-store" in created["Cache-Control"]
    assert secret not in client.get(reverse("token_list")).content.decode()


def test_the_new_secret_works_against_the_api(client_as, client):
    created = client_as("grid_worker").post(reverse("token_list"), {"name": "a", "expires_on": _in_days(7)})

    response = client.get("/api/v1/me", HTTP_AUTHORIZATION=f"Bearer {created.context['secret']}")

    assert response.json()["username"] == "grid_worker"


def test_a_token_without_a_name_is_refused_with_the_reason(client_as, cast):
    response = client_as("grid_worker").post(reverse("token_list"), {"name": "", "expires_on": _in_days(7)})

    assert response.status_code == 400
    assert response.context["form"].errors["name"]
    assert not ApiToken.objects.filter(user=cast.grid_worker).exists()


def test_an_expiry_beyond_the_maximum_is_refused_on_the_form(client_as, cast):
    response = client_as("grid_worker").post(
        reverse("token_list"), {"name": "a", "expires_on": _in_days(400)}
    )

    assert response.status_code == 400
    assert response.context["form"].errors["expires_on"]


def test_revoking_my_token_from_the_page(client_as, cast):
    token, _secret = token_create(actor=cast.grid_worker, name="a")

    response = client_as("grid_worker").post(reverse("token_revoke", args=[token.pk]))

    token.refresh_from_db()
    assert response.status_code == 302
    assert token.revoked_at is not None


def test_nobody_revokes_another_persons_token_from_the_page(client_as, cast):
    token, _secret = token_create(actor=cast.street_secretary, name="a")

    response = client_as("grid_worker").post(reverse("token_revoke", args=[token.pk]))

    token.refresh_from_db()
    assert response.status_code == 404
    assert token.revoked_at is None


def test_the_page_asks_an_anonymous_visitor_to_sign_in(client):
    response = client.get(reverse("token_list"))

    assert response.status_code == 302
    assert reverse("login") in response["Location"]


def test_the_api_docs_are_linked_for_staff_not_for_residents(client_as):
    docs = reverse("api:openapi-view")
    assert docs in client_as("grid_worker").get(reverse("token_list")).content.decode()
    assert docs not in client_as("resident").get(reverse("token_list")).content.decode()


def test_the_menu_offers_the_page_to_staff_not_to_residents(client_as):
    assert reverse("token_list") in client_as("grid_worker").get(reverse("me")).content.decode()
    # Issue 19: a resident's menu offered API tokens and the English API docs he has no use for.
    assert reverse("token_list") not in client_as("resident").get(reverse("me")).content.decode()


def test_the_form_proposes_the_default_expiry_in_a_format_the_date_picker_reads(client_as):
    html = client_as("grid_worker").get(reverse("token_list")).content.decode()

    assert f'value="{_in_days(90)}"' in html
