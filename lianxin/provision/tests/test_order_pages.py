"""The resident's 服务, 下单 and 我的订单 pages (lianxin/provision/views/orders.py): 孙桂兰 sees 爱心助餐
served at her home by 颐康长者食堂 with its stars, orders it (the intake router hands it to 颐康, the
points are spent), follows it on 我的订单 and rates it with stars through the engine's rate step. 积分不足
refuses the order with nothing written; another person's order cannot be rated."""

import pytest
from django.test import Client

from lianxin.cases import services as case_services
from lianxin.cases.models import Case, State
from lianxin.people.models import Person, Post, User
from lianxin.people.roles import Role
from lianxin.points.models import PointsEntry
from lianxin.points.selectors import balance_of
from lianxin.points.services import points_award
from lianxin.tokens.services import token_create

pytestmark = pytest.mark.django_db

MEAL = "svc_meal_aid"


def _give(cast, amount=50):
    points_award(
        cast.community_secretary,
        person=cast.resident.person,
        amount=amount,
        key="test:wish",
        reason="微心愿",
        source_kind="wish",
    )


def _yikang_staff(listings):
    organisation = listings["颐康长者食堂"].organisation
    person = Person.objects.create(name="颐康员工")
    Post.objects.create(person=person, role=Role.PROVIDER_STAFF, organisation=organisation)
    return User.objects.create(username="yikang_staff", person=person)


def test_the_services_page_lists_the_items_at_home_with_their_providers(client_as, listings, item):
    page = client_as("resident").get("/provision/services/")
    assert page.status_code == 200
    meal = [row for row in page.context["items"] if row["item"] == item(MEAL)][0]
    assert [listing.organisation.name for listing, _record in meal["providers"]] == ["颐康长者食堂"]
    assert f'data-testid="item-{MEAL}"' in page.content.decode()


def test_ordering_reports_the_case_to_the_matching_provider_and_spends_the_points(
    client_as, cast, listings, item, clock
):
    _give(cast)
    client = client_as("resident")
    assert client.get(f"/provision/services/{item(MEAL).pk}/order/").status_code == 200
    answer = client.post(
        f"/provision/services/{item(MEAL).pk}/order/", {"note": "少盐", "idempotency_key": "k1"}
    )
    assert answer.status_code == 302 and answer.url == "/provision/orders/"
    again = client.post(
        f"/provision/services/{item(MEAL).pk}/order/", {"note": "少盐", "idempotency_key": "k1"}
    )
    assert again.status_code == 302
    order = Case.objects.get()
    assert order.handler_organisation == listings["颐康长者食堂"].organisation
    assert order.reporter == cast.resident.person and order.description == "少盐"
    assert balance_of(cast.resident.person) == 50 - item(MEAL).points_price

    mine = client.get("/provision/orders/").content.decode()
    assert f'data-testid="order-{order.pk}"' in mine and "颐康长者食堂" in mine


def test_without_enough_points_the_order_page_answers_409_and_nothing_is_written(
    client_as, listings, item, clock
):
    answer = client_as("resident").post(f"/provision/services/{item(MEAL).pk}/order/", {"note": "午餐"})
    assert answer.status_code == 409
    assert "积分不足" in answer.content.decode()
    assert not Case.objects.exists() and not PointsEntry.objects.exists()


def test_a_finished_order_is_rated_with_stars_through_the_engine(client_as, cast, listings, item, clock):
    _give(cast)
    client = client_as("resident")
    client.post(f"/provision/services/{item(MEAL).pk}/order/", {"note": "午餐"})
    order = Case.objects.get()
    staff = _yikang_staff(listings)
    case_services.case_take(staff, case=order)
    case_services.case_handle(staff, case=order, note="午餐已送到")
    case_services.case_verify(cast.community_secretary, case=order, passed=True)

    assert 'data-testid="rate-5"' in client.get("/provision/orders/").content.decode()
    bad = client.post(f"/provision/orders/{order.pk}/rate/", {"stars": "9"})
    assert bad.status_code == 400
    answer = client.post(f"/provision/orders/{order.pk}/rate/", {"stars": "4"})
    assert answer.status_code == 302
    order.refresh_from_db()
    assert order.rating_stars == 4 and order.state == State.CLOSED
    assert 'data-testid="rated"' in client.get("/provision/orders/").content.decode()


def test_another_person_s_order_is_not_his_to_rate(client_as, cast, listings, item, clock):
    order = case_services.case_report(
        cast.community_secretary,
        category=item(MEAL).category,
        area=listings["颐康长者食堂"].area,
        description="午餐",
    )
    assert (
        client_as("resident").post(f"/provision/orders/{order.pk}/rate/", {"stars": "5"}).status_code == 404
    )
    assert f"order-{order.pk}" not in client_as("resident").get("/provision/orders/").content.decode()


def test_residents_file_service_orders_through_the_report_page_and_the_api(
    client_as, cast, listings, item, places, clock
):
    page = client_as("resident").get("/cases/report/")
    assert page.status_code == 200
    assert "爱心助餐" in page.content.decode()
    _give(cast)
    _token, secret = token_create(actor=cast.resident, name="tests")
    answer = Client(HTTP_AUTHORIZATION=f"Bearer {secret}").post(
        "/api/v1/cases/",
        {"category": item(MEAL).category_id, "area": places.building.pk, "description": "午餐"},
        content_type="application/json",
    )
    assert answer.status_code == 201, answer.content
    assert Case.objects.get().handler_organisation == listings["颐康长者食堂"].organisation
