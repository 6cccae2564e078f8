"""GeoReport's two formats: XML (the spec's roots, no namespace, UTF-8 with its declaration) and JSON (the
same content as bare arrays; the service definition and discovery are objects).

Lists inside an item are written in XML as a wrapping element holding one element per value (attributes →
attribute, values → value …), as the spec's examples do. ``None`` is an empty element in XML and null in JSON.
"""

import json
import re
from xml.etree.ElementTree import Element, SubElement, tostring  # noqa: S405 - writes XML, parses none  # nosec B405

from django.http import HttpResponse

CONTENT_TYPES = {"xml": "text/xml; charset=utf-8", "json": "application/json; charset=utf-8"}
FORMATS = tuple(CONTENT_TYPES)
# What XML 1.0 cannot carry (C0 controls but tab and newlines, lone surrogates, U+FFFE/U+FFFF), and what UTF-8
# cannot encode (lone surrogates). Text is cleaned where it enters; this is for what was stored before that.
_UNWRITABLE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")
# In XML, the element of each value of a list field.
LIST_ITEMS = {
    "services": "service",
    "service_requests": "request",
    "service_request_updates": "request_update",
    "errors": "error",
    "attributes": "attribute",
    "values": "value",
    "endpoints": "endpoint",
    "formats": "format",
}


def _text(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return _UNWRITABLE.sub("", str(value))


def _writable(value):
    """``value`` with every string in it stripped of what the formats cannot write."""
    if isinstance(value, str):
        return _UNWRITABLE.sub("", value)
    if isinstance(value, dict):
        return {name: _writable(inner) for name, inner in value.items()}
    if isinstance(value, list):
        return [_writable(inner) for inner in value]
    return value


def _fill(element: Element, value) -> None:
    if isinstance(value, dict):
        for name, inner in value.items():
            _fill(SubElement(element, name), inner)
    elif isinstance(value, list):
        tag = LIST_ITEMS.get(element.tag, "item")
        for inner in value:
            _fill(SubElement(element, tag), inner)
    elif value is not None:
        element.text = _text(value)


def xml_bytes(root: str, content) -> bytes:
    element = Element(root)
    _fill(element, content)
    return b'<?xml version="1.0" encoding="utf-8"?>\n' + tostring(element, encoding="unicode").encode()


def render(fmt: str, root: str, content, *, status: int = 200) -> HttpResponse:
    """``content``: a list of dicts under ``root`` (services, service_requests …) or one dict (the service
    definition, discovery)."""
    if fmt == "json":
        body = json.dumps(_writable(content), ensure_ascii=False).encode()
    else:
        body = xml_bytes(root, content)
    return HttpResponse(body, status=status, content_type=CONTENT_TYPES.get(fmt, CONTENT_TYPES["xml"]))


def render_errors(fmt: str, errors: list[tuple[int, str]], *, status: int) -> HttpResponse:
    """The spec's error body: one ``{code, description}`` per problem (the code is the HTTP status)."""
    items = [{"code": code, "description": description} for code, description in errors]
    return render(fmt if fmt in FORMATS else "xml", "errors", items, status=status)
