"""The points test world: the demo cast, a partner shop (惠邻超市) with one member of staff, and its rice."""

import pytest
from django.test import Client
from django.utils import timezone

from lianxin.people.models import Organisation, Person, Post, User
from lianxin.points.models import Reward
from lianxin.points.services import points_award
from lianxin.points.shops import PARTNER_SHOP, SHOP_STAFF


class Shop:
    def __init__(self, organisation, staff, rice):
        self.organisation = organisation
        self.staff = staff
        self.rice = rice


def shop_make(name: str, staff_username: str) -> tuple[Organisation, User]:
    organisation = Organisation.objects.create(kind=PARTNER_SHOP, name=name)
    person = Person.objects.create(name=f"{name}店员")
    user = User.objects.create_user(username=staff_username, password="x", person=person)  # noqa: S106
    Post.objects.create(
        person=person, role=SHOP_STAFF, organisation=organisation, start_date=timezone.localdate()
    )
    return organisation, user


@pytest.fixture
def shop(cast) -> Shop:
    organisation, staff = shop_make("惠邻超市", "shop_staff_test")
    rice = Reward.objects.create(name="大米", points_price=30, stock=3, shop=organisation)
    return Shop(organisation, staff, rice)


@pytest.fixture
def resident(cast):
    return cast.resident


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def pay(user, amount: int, key: str, reason: str = "微心愿"):
    return points_award(None, person=user.person, amount=amount, key=key, reason=reason, source_kind="wish")
