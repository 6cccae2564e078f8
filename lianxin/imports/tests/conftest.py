"""A small territory for the import and export tests, Chinese for this app's messages, and a helper that
builds an upload from rows.

The app's translations wait in var/i18n/imports.json until they are merged into the catalogue; they are
laid over the Chinese catalogue here so tests can read the messages users read.
"""

import io
import json
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils.translation import trans_real
from openpyxl import Workbook

from lianxin.areas.models import Area, HouseholdTag, Level
from lianxin.areas.services import area_create
from lianxin.imports.specs import SPECS
from lianxin.party.models import OrgKind, PartyOrg
from lianxin.people.models import Person, PersonTag, Post, User
from lianxin.people.roles import Role

TRANSLATIONS = Path(settings.BASE_DIR) / "var/i18n/imports.json"


@pytest.fixture(autouse=True)
def _chinese_for_this_app():
    if not TRANSLATIONS.exists():
        yield
        return
    catalogue = trans_real.translation(settings.LANGUAGE_CODE)._catalog
    added = []
    for msgid, text in json.loads(TRANSLATIONS.read_text()).items():
        if msgid not in catalogue:
            catalogue[msgid] = text
            added.append(msgid)
    yield
    for msgid in added:
        catalogue._catalogs[0].pop(msgid, None)


@dataclass
class Land:
    county: Area
    street: Area
    community: Area  # 幸福社区: estate A (building A1 with unit U1) and estate B
    estate_a: Area
    building_a1: Area
    unit_a1: Area
    estate_b: Area
    building_b1: Area
    other_community: Area  # 和平社区, outside the secretary's scope
    other_building: Area
    branch_a: PartyOrg
    branch_other: PartyOrg
    secretary: User  # community secretary of 幸福社区
    grid_worker: User  # grid worker of estate A
    captain: User  # building captain of A1: may look, not import
    resident: User  # no post


def _user(username: str, name: str, mobile: str, role: str | None = None, area: Area | None = None) -> User:
    person = Person(name=name)
    person.set_mobile(mobile)
    person.save()
    if role:
        Post.objects.create(
            person=person, role=role, area=area, area_path=area.path, start_date=date(2024, 1, 1)
        )
    return User.objects.create_user(username=username, password="x", person=person)  # noqa: S106


@pytest.fixture
def land(db) -> Land:
    for code, name in [("lone_elderly", "独居老人"), ("subsistence", "低保户")]:
        HouseholdTag.objects.get_or_create(code=code, defaults={"name": name})
    PersonTag.objects.get_or_create(code="courier", defaults={"name": "快递从业人员"})

    def add(parent, level, name, code=""):
        return area_create(actor=None, parent=parent, level=level, name=name, code=code)

    city = add(None, Level.CITY, "测试市", "419900000000")
    county = add(city, Level.COUNTY, "测试县", "419901000000")
    street = add(county, Level.STREET, "东风街道", "419901001000")
    community = add(street, Level.COMMUNITY, "幸福社区", "419901001001")
    estate_a = add(community, Level.ESTATE, "幸福里小区")
    building_a1 = add(estate_a, Level.BUILDING, "1号楼")
    unit_a1 = add(building_a1, Level.UNIT, "1单元")
    estate_b = add(community, Level.ESTATE, "锦绣花园")
    building_b1 = add(estate_b, Level.BUILDING, "1号楼")
    other_community = add(street, Level.COMMUNITY, "和平社区", "419901001002")
    other_estate = add(other_community, Level.ESTATE, "和平小区")
    other_building = add(other_estate, Level.BUILDING, "1号楼")

    committee = PartyOrg.objects.add_root(
        {"kind": OrgKind.COMMITTEE, "name": "中共测试县委", "area": county, "area_path": county.path}
    )

    def branch(name, estate):
        parent = PartyOrg.objects.get(pk=committee.pk)
        values = {"kind": OrgKind.BRANCH, "name": name, "area": estate, "area_path": estate.path}
        return PartyOrg.objects.add_child(parent, values)

    branch_a = branch("幸福里小区党支部", estate_a)
    branch_other = branch("和平小区党支部", other_estate)
    return Land(
        county=county,
        street=street,
        community=Area.objects.get(pk=community.pk),
        estate_a=Area.objects.get(pk=estate_a.pk),
        building_a1=Area.objects.get(pk=building_a1.pk),
        unit_a1=Area.objects.get(pk=unit_a1.pk),
        estate_b=Area.objects.get(pk=estate_b.pk),
        building_b1=Area.objects.get(pk=building_b1.pk),
        other_community=Area.objects.get(pk=other_community.pk),
        other_building=Area.objects.get(pk=other_building.pk),
        branch_a=branch_a,
        branch_other=branch_other,
        secretary=_user("t_secretary", "赵书记", "13911110001", Role.SECRETARY, community),
        grid_worker=_user("t_grid_worker", "钱网格", "13911110002", Role.GRID_WORKER, estate_a),
        captain=_user("t_captain", "孙楼长", "13911110003", Role.BUILDING_CAPTAIN, building_a1),
        resident=_user("t_resident", "李居民", "13911110004"),
    )


def xlsx_file(kind: str, rows: list[dict], *, name: str = "导入.xlsx", headers: list[str] | None = None):
    """An upload of the kind's columns (Chinese headers, as in the template) with the given rows."""
    spec = SPECS[kind]
    keys = [c.key for c in spec.columns]
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(headers or [str(c.label) for c in spec.columns])
    for row in rows:
        sheet.append([row.get(key, "") for key in keys])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return SimpleUploadedFile(
        name,
        buffer.getvalue(),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )


def valid_id_number(body17: str) -> str:
    weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    return body17 + "10X98765432"[sum(int(d) * w for d, w in zip(body17, weights, strict=True)) % 11]


def workbook_from(content: bytes):
    from openpyxl import load_workbook

    return load_workbook(io.BytesIO(content))


def all_cell_values(content: bytes) -> list:
    workbook = workbook_from(content)
    return [
        cell for sheet in workbook.worksheets for row in sheet.iter_rows(values_only=True) for cell in row
    ]


def raw_xml(content: bytes) -> str:
    """Every part of the .xlsx (a zip of XML files) as text: what anyone opening the file could read."""
    import zipfile

    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        return "".join(archive.read(name).decode("utf-8", "replace") for name in archive.namelist())
