"""GET services and GET a service definition, in both formats, against the spec's field names."""

import pytest

from lianxin.cases.models import Category
from lianxin.open311.tests.conftest import V2, errors_of, parse, xml_items

pytestmark = pytest.mark.django_db

SERVICE_FIELDS = {"service_code", "service_name", "description", "metadata", "type", "keywords", "group"}
ATTRIBUTE_FIELDS = {
    "variable",
    "code",
    "datatype",
    "required",
    "datatype_description",
    "order",
    "description",
    "values",
}


@pytest.fixture
def with_attributes(world):
    category = Category.objects.get(code="stair_light")
    category.extra_fields = [
        {"code": "floor", "datatype": "number", "required": True, "description": "几楼"},
        {
            "code": "kind",
            "datatype": "singlevaluelist",
            "description": "灯的种类",
            "values": [{"key": "voice", "name": "声控灯"}, {"key": "switch", "name": "开关灯"}],
        },
    ]
    category.save(update_fields=["extra_fields"])
    return category


def test_the_service_list_in_json_is_a_bare_array_of_the_public_categories(o311, with_attributes):
    services = parse(o311.get(f"{V2}/services.json"), "json")

    assert isinstance(services, list)
    by_code = {s["service_code"]: s for s in services}
    assert set(by_code["stair_light"]) == SERVICE_FIELDS
    assert by_code["stair_light"]["service_name"] == "楼道照明"
    assert by_code["stair_light"]["metadata"] is True
    assert by_code["stair_light"]["type"] == "realtime"
    assert by_code["stair_light"]["group"] == "物业管理"
    assert by_code["cleaning"]["metadata"] is False
    hidden = Category.objects.filter(is_public=False).values_list("code", flat=True)
    assert not set(hidden) & set(by_code)


def test_the_service_list_in_xml_has_the_services_root_and_the_same_services(o311, with_attributes):
    root = parse(o311.get(f"{V2}/services.xml", {"jurisdiction_id": "heze.gov.cn"}), "xml")

    assert root.tag == "services"
    services = xml_items(root, "service")
    assert {s["service_code"] for s in services} == {
        s["service_code"] for s in parse(o311.get(f"{V2}/services.json"), "json")
    }
    light = next(s for s in services if s["service_code"] == "stair_light")
    assert set(light) == SERVICE_FIELDS
    assert light["metadata"] == "true"


def test_a_service_definition_lists_the_categorys_extra_fields_as_attributes(o311, with_attributes):
    definition = parse(o311.get(f"{V2}/services/stair_light.json"), "json")

    assert isinstance(definition, dict)
    assert definition["service_code"] == "stair_light"
    floor, kind = definition["attributes"]
    assert set(floor) == ATTRIBUTE_FIELDS
    assert floor["code"] == "floor" and floor["datatype"] == "number" and floor["required"] is True
    assert floor["order"] == 1 and kind["order"] == 2
    assert kind["values"] == [{"key": "voice", "name": "声控灯"}, {"key": "switch", "name": "开关灯"}]


def test_a_service_definition_in_xml_nests_attributes_and_values(o311, with_attributes):
    root = parse(o311.get(f"{V2}/services/stair_light.xml"), "xml")

    assert root.tag == "service_definition"
    assert root.findtext("service_code") == "stair_light"
    attributes = root.find("attributes").findall("attribute")
    assert [a.findtext("code") for a in attributes] == ["floor", "kind"]
    assert {child.tag for child in attributes[0]} == ATTRIBUTE_FIELDS
    values = attributes[1].find("values").findall("value")
    assert [(v.findtext("key"), v.findtext("name")) for v in values] == [
        ("voice", "声控灯"),
        ("switch", "开关灯"),
    ]


@pytest.mark.parametrize("fmt", ["json", "xml"])
def test_an_unknown_service_is_a_404_in_the_spec_error_format(o311, world, fmt):
    response = o311.get(f"{V2}/services/no_such_thing.{fmt}")

    assert response.status_code == 404
    [error] = errors_of(response, fmt)
    assert str(error["code"]) == "404"
    assert error["description"]


def test_an_unknown_format_or_address_is_a_404_in_xml(o311, world):
    assert o311.get(f"{V2}/services.csv").status_code == 404
    assert errors_of(o311.get(f"{V2}/nothing.xml"), "xml")[0]["code"] == "404"
    assert errors_of(o311.get(f"{V2}/nothing.json"), "json")[0]["code"] == 404


def test_a_write_to_a_read_only_endpoint_is_a_400(o311, world):
    response = o311.post(f"{V2}/services.json")

    assert response.status_code == 400
    assert response["Allow"] == "GET"


@pytest.mark.parametrize("fmt", ["json", "xml"])
def test_discovery_names_the_v2_endpoint_and_its_formats(o311, fmt):
    body = parse(o311.get(f"/open311/discovery.{fmt}"), fmt)

    if fmt == "json":
        [endpoint] = body["endpoints"]
        assert endpoint["url"].endswith("/open311/v2/")
        assert endpoint["formats"] == ["text/xml", "application/json"]
    else:
        assert body.tag == "discovery"
        endpoint = body.find("endpoints").find("endpoint")
        assert endpoint.findtext("specification") == "http://wiki.open311.org/GeoReport_v2"
        assert [f.text for f in endpoint.find("formats")] == ["text/xml", "application/json"]


def test_a_foreign_jurisdiction_is_a_404_when_the_platform_names_its_own(o311, world, settings):
    settings.OPEN311_JURISDICTION_ID = "heze.gov.cn"

    assert o311.get(f"{V2}/services.json", {"jurisdiction_id": "heze.gov.cn"}).status_code == 200
    assert o311.get(f"{V2}/services.json").status_code == 200
    response = o311.get(f"{V2}/services.json", {"jurisdiction_id": "sfgov.org"})
    assert response.status_code == 404
    assert "sfgov.org" in errors_of(response, "json")[0]["description"]


@pytest.mark.parametrize("fmt", ["json", "xml"])
def test_discovery_says_whom_to_contact_and_how_to_get_a_key(o311, settings, fmt):
    body = parse(o311.get(f"/open311/discovery.{fmt}"), fmt)
    found = (
        body
        if fmt == "json"
        else {"contact": body.findtext("contact"), "key_service": body.findtext("key_service")}
    )

    assert "系统管理员" in found["contact"]
    assert "api_key" in found["key_service"] and "公开" in found["key_service"]

    settings.OPEN311_CONTACT = "菏泽市大数据中心 0530-1234567"
    settings.OPEN311_PUBLIC_READS = "none"
    body = parse(o311.get("/open311/discovery.json"), "json")
    assert body["contact"] == "菏泽市大数据中心 0530-1234567"
    assert "公开" not in body["key_service"]
