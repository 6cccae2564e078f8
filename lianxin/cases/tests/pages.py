"""Helpers of the page tests: a photo to upload, a step posted as the page posts it, the parts of a page."""

import io
import re
import uuid

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from lianxin.cases import services
from tests.cases_world import category

HTMX = {"HTTP_HX_REQUEST": "true"}


def photo_file(name: str = "photo.jpg", color=(200, 30, 40)) -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", (64, 48), color).save(buffer, format="JPEG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/jpeg")


def not_a_photo(name: str = "notes.jpg") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, b"this is not a picture", content_type="image/jpeg")


def key() -> str:
    return uuid.uuid4().hex


def post_step(client, case, name: str, *, htmx: bool = False, idempotency_key: str | None = None, **data):
    data.setdefault("idempotency_key", idempotency_key or key())
    extra = HTMX if htmx else {}
    return client.post(f"/cases/{case.pk}/steps/{name}/", data, **extra)


def steps_shown(html: str) -> list[str]:
    return re.findall(r'data-testid="step-([a-z_]+)"', html)


def text(response) -> str:
    return response.content.decode()


def stair_light(cast, places, **kwargs):
    """The resident's stair light: dispatched at once to the building captain."""
    return services.case_report(
        cast.resident,
        category=category("stair_light"),
        area=places.building,
        description="楼道灯坏了",
        **kwargs,
    )


def handled_stair_light(cast, places):
    case = stair_light(cast, places)
    services.case_take(cast.building_captain, case=case)
    services.case_handle(cast.building_captain, case=case, note="已更换灯泡")
    return case


def options(html: str, name: str) -> list[str]:
    """The option values of the select called ``name``."""
    match = re.search(rf'<select name="{name}"[^>]*>(.*?)</select>', html, flags=re.S)
    return re.findall(r'<option value="([^"]*)"', match.group(1)) if match else []


def hotline_case(cast, places, code: str = "road_damage", description: str = "来电反映社区道路破损"):
    """A case the community secretary took in from the hotline, at the community's pool."""
    return services.case_report(
        cast.community_secretary,
        category=category(code),
        area=places.community,
        description=description,
        channel="hotline",
    )


def housing_case(cast, places, world):
    """A hotline road case the community dispatched to the county's 住建 (the demo dept_staff's)."""
    from tests.cases_world import department

    case = hotline_case(cast, places)
    services.case_dispatch(
        cast.community_secretary, case=case, department=department("zhujian", world.county)
    )
    return case
