"""Cursor pagination for the API's lists: ``?limit=50&cursor=…`` answers ``{"items", "next_cursor"}``.

A cursor is opaque to clients: base64 of the list's ordering key (``id`` or a tree ``path``) and the last
value returned. It keeps its place while rows are added or removed, costs one indexed range per page
however deep the client reads, and is only ever applied to a queryset already restricted to the user, so a
forged cursor can skip rows but never reach one outside the user's scope.
"""

import base64
import binascii
import json
from dataclasses import dataclass

from django.db.models import QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from ninja import Field, Schema

from lianxin.core.api_errors import ApiError

DEFAULT_LIMIT = 50
MAX_LIMIT = 200
# Cursors are short; anything longer is not one of ours and is refused before decoding.
MAX_CURSOR_LENGTH = 400


class PageParams(Schema):
    limit: int = Field(
        DEFAULT_LIMIT,
        ge=1,
        le=MAX_LIMIT,
        description=gettext_lazy("Items per page: 50 unless given, at most 200."),
    )
    cursor: str = Field(
        "",
        max_length=MAX_CURSOR_LENGTH,
        description=gettext_lazy("The next_cursor of the previous page; empty for the first page."),
    )


@dataclass
class Page:
    items: list
    next_cursor: str | None


def cursor_encode(key: str, value) -> str:
    raw = json.dumps({"k": key, "v": value}, separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def _bad_cursor() -> ApiError:
    message = _("This cursor is not valid. Start again from the first page.")
    return ApiError(400, "bad_cursor", message, fields={"cursor": message})


def cursor_decode(cursor: str, *, key: str, kind: type):
    """The last value of the previous page, or a 400 naming ``cursor`` when it is not one of this list's."""
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        data = json.loads(raw)
    except (binascii.Error, ValueError, UnicodeDecodeError):
        raise _bad_cursor() from None
    if not isinstance(data, dict) or data.get("k") != key:
        raise _bad_cursor()
    value = data.get("v")
    # bool is an int in Python; a cursor is never one.
    if not isinstance(value, kind) or isinstance(value, bool):
        raise _bad_cursor()
    if kind is int and not 0 <= value < 2**63:
        raise _bad_cursor()
    return value


def paginate(
    queryset: QuerySet,
    params: PageParams,
    *,
    key: str = "id",
    descending: bool = False,
    keys_first: bool = False,
) -> Page:
    """One page of ``queryset`` ordered by ``key``, which must be unique (``id``, or a tree's ``path``);
    ``descending`` walks it from the other end (newest first), with cursors of its own.

    ``keys_first``: find the page's keys alone, then read those rows by key (a "deferred join"). For a large
    table whose filter an index covers (the open cases of an area: thousands of matches, ordered by id), the
    first step reads only the index, instead of fetching every matching row from the table to sort it."""
    kind = int if key in ("id", "pk") else str
    ordered = queryset.order_by(f"-{key}" if descending else key)
    cursor_key = f"-{key}" if descending else key
    if params.cursor:
        last = cursor_decode(params.cursor, key=cursor_key, kind=kind)
        ordered = ordered.filter(**{f"{key}__lt" if descending else f"{key}__gt": last})
    if keys_first:
        keys = list(ordered.values_list(key, flat=True)[: params.limit + 1])
        wanted = keys[: params.limit]
        # By key alone, with the same related rows joined: the keys came from the user's restricted list.
        fetch = queryset.model._default_manager.filter(**{f"{key}__in": wanted}).order_by()
        fetch.query.select_related = queryset.query.select_related
        found = {getattr(row, key): row for row in fetch}
        items = [found[k] for k in wanted if k in found]
        more = len(keys) > params.limit
    else:
        rows = list(ordered[: params.limit + 1])
        items = rows[: params.limit]
        more = len(rows) > params.limit
    next_cursor = cursor_encode(cursor_key, getattr(items[-1], key)) if more and items else None
    return Page(items=items, next_cursor=next_cursor)


def page_schema(item_schema: type[Schema], name: str) -> type[Schema]:
    """The response schema of a list: ``{"items": [item], "next_cursor": str | null}``."""
    return type(
        name,
        (Schema,),
        {
            "__annotations__": {"items": list[item_schema], "next_cursor": str | None},
            "next_cursor": Field(
                None, description=gettext_lazy("Cursor of the next page; null on the last page.")
            ),
        },
    )
