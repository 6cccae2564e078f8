"""Household visits that open cases, and photos checked by content with their EXIF removed."""

import io

import pytest
from PIL import Image

from lianxin.cases import services
from lianxin.cases.models import Action, CasePhoto, Kind, State, Visit, VisitKind
from lianxin.core.errors_domain import DomainError
from tests.cases_world import category


def _household(cast):
    from lianxin.party.models import LiaisonLink

    return LiaisonLink.objects.filter(liaison=cast.liaison.person).first().household


def test_a_liaisons_mediation_visit_opens_a_dispute_he_handles(cast, clock):
    household = _household(cast)
    visit = services.visit_record(
        cast.liaison,
        kind=VisitKind.MEDIATION,
        household=household,
        note="两户因宅基地边界争执",
        category=category("neighbour_dispute"),
    )
    case = visit.case
    assert case.kind == Kind.DISPUTE and case.channel == "visit"
    assert case.state == State.IN_PROGRESS and case.handler_person == cast.liaison.person
    services.case_mediate(
        cast.liaison, case=case, note="第一次调解，双方同意测量", participants="两户户主、村调解员"
    )
    services.case_handle(cast.liaison, case=case, note="重新确认界址", outcome="mediated")
    case.refresh_from_db()
    assert case.outcome == "mediated" and case.events.filter(action=Action.MEDIATE).count() == 1


def test_a_chat_visit_is_logged_without_a_case_and_outside_households_are_refused(cast, places, clock):
    visit = services.visit_record(
        cast.liaison, kind=VisitKind.CHAT, household=_household(cast), note="拉家常"
    )
    assert visit.case is None and Visit.objects.restrict(cast.liaison).filter(pk=visit.pk).exists()
    from lianxin.areas.models import Household

    elsewhere = Household.objects.filter(area_path__startswith=places.building.path).first()
    with pytest.raises(DomainError) as refused:
        services.visit_record(cast.liaison, kind=VisitKind.CHAT, household=elsewhere)
    assert refused.value.code == "forbidden"
    with pytest.raises(DomainError):
        services.visit_record(cast.resident, kind=VisitKind.CHAT, household=elsewhere)


def jpeg_with_exif() -> bytes:
    image = Image.new("RGB", (800, 600), (200, 30, 30))
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"  # Make
    exif[0x8825] = {2: (35, 14, 0)}  # GPS
    out = io.BytesIO()
    image.save(out, format="JPEG", exif=exif)
    return out.getvalue()


def test_a_photo_is_stored_without_exif_with_a_thumbnail_and_attached_to_the_report(
    cast, places, clock, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    data = jpeg_with_exif()
    assert Image.open(io.BytesIO(data)).getexif()
    photo = services.photo_upload(cast.resident, upload=data)
    assert photo.content_type == "image/jpeg" and (photo.width, photo.height) == (800, 600)
    with photo.file.open("rb") as fh:
        assert not Image.open(fh).getexif()
    with photo.thumbnail.open("rb") as fh:
        assert max(Image.open(fh).size) <= 320

    case = services.case_report(
        cast.resident,
        category=category("stair_light"),
        area=places.building,
        description="灯坏了",
        photos=[photo],
    )
    photo.refresh_from_db()
    assert photo.case == case and photo.event.action == Action.REPORT
    with pytest.raises(DomainError):  # already attached
        services.case_report(
            cast.resident,
            category=category("stair_light"),
            area=places.building,
            description="灯坏了",
            photos=[photo],
        )


def test_what_is_not_an_image_or_too_large_is_refused(cast, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    with pytest.raises(DomainError) as refused:
        services.photo_upload(cast.resident, upload=b"<script>alert(1)</script>")
    assert refused.value.code == "invalid_photo"
    settings.UPLOAD_MAX_BYTES = 1000
    with pytest.raises(DomainError):
        services.photo_upload(cast.resident, upload=jpeg_with_exif())
    settings.UPLOAD_MAX_BYTES = 10_000_000
    settings.UPLOAD_MAX_PIXELS = 1000
    with pytest.raises(DomainError):
        services.photo_upload(cast.resident, upload=jpeg_with_exif())
    assert not CasePhoto.objects.exists()


def test_someone_elses_photo_cannot_be_attached(cast, places, clock, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    photo = services.photo_upload(cast.building_captain, upload=jpeg_with_exif())
    with pytest.raises(DomainError) as refused:
        services.case_report(
            cast.resident,
            category=category("stair_light"),
            area=places.building,
            description="灯坏了",
            photos=[photo],
        )
    assert refused.value.field == "photos"


def test_visit_figures_count_by_kind_per_visitor_and_household_coverage(cast, world, clock):
    from lianxin.areas.models import Household
    from lianxin.cases.selectors import visit_figures

    household = _household(cast)
    services.visit_record(cast.liaison, kind=VisitKind.CHAT, household=household)
    services.visit_record(cast.liaison, kind=VisitKind.POLICY, household=household, attendees=1)
    day = clock.now.date()
    figures = visit_figures(user=cast.county_admin, area=household.area, date_from=day, date_to=day)

    assert figures["visits"] == 2 and figures["by_kind"] == {"chat": 1, "policy": 1}
    assert figures["by_visitor"][0]["visitor_id"] == cast.liaison.person_id and figures["per_visitor"] == 2
    total = Household.objects.filter(area_path__startswith=household.area_path).count()
    assert figures["households_visited"] == 1 and figures["coverage"] == round(1 / total, 4)
    assert visit_figures(user=cast.resident, area=household.area, date_from=day, date_to=day)["visits"] == 0
