"""What every import kind shares: its columns, reading one row's cells, and the error each cell can carry.

A row is read cell by cell; each problem is recorded against the row number and the column's Chinese
name, and the row is written only when none was found. Messages show personal numbers masked.
"""

import datetime
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.db import models
from django.utils import timezone, translation
from django.utils.functional import Promise
from django.utils.translation import gettext as _

from lianxin.areas.models import Area
from lianxin.core.masking import mask_id_number, mask_mobile
from lianxin.core.scope import CHANGE
from lianxin.imports.idcard import id_number_is_valid
from lianxin.people.models import Person, is_mobile, normalise_id_number, normalise_mobile

MOBILE = "mobile"
ID_NUMBER = "id_number"
_MASKS = {MOBILE: mask_mobile, ID_NUMBER: mask_id_number}
_LIST_SEPARATORS = re.compile(r"[、,，;；/\s]+")
_DATE_PATTERNS = [
    re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$"),
    re.compile(r"^(\d{4})/(\d{1,2})/(\d{1,2})$"),
    re.compile(r"^(\d{4})\.(\d{1,2})\.(\d{1,2})$"),
    re.compile(r"^(\d{4})年(\d{1,2})月(\d{1,2})日?$"),
    re.compile(r"^(\d{4})(\d{2})(\d{2})$"),
]


@dataclass(frozen=True)
class Column:
    key: str
    label: Promise
    required: bool = False
    help: Promise | str = ""
    example: Promise | str = ""
    # The accepted labels, for the template's drop-down list and its notes.
    choices: Callable[[], list[str]] | None = None
    # Kept as text in the template, so Excel does not turn codes and numbers into floats.
    text: bool = False
    personal: str = ""  # MOBILE or ID_NUMBER: masked wherever the value is shown back
    width: int = 16


@dataclass(frozen=True)
class Spec:
    kind: str
    label: Promise
    columns: tuple[Column, ...]
    # write(row, ctx) -> a one-line summary of what was written; raises RowInvalid or DomainError.
    write: Callable
    # DomainError.field from a service -> the column the user should look at.
    field_columns: dict[str, str] = field(default_factory=dict)
    notes: tuple[Promise, ...] = ()

    def column(self, key: str) -> Column:
        return next(c for c in self.columns if c.key == key)

    def example_values(self) -> dict[str, str]:
        return {c.key: str(c.example) for c in self.columns}


class RowInvalid(Exception):
    """The row has problems (recorded on it); nothing of it is written."""


def choice_labels(choices: type[models.TextChoices], *, exclude=()) -> list[str]:
    return [str(label) for value, label in choices.choices if value not in exclude]


def folded_text(text: str) -> str:
    return re.sub(r"\s+", "", str(text)).lower()


def choice_lookup(choices: type[models.TextChoices], *, exclude=()) -> dict[str, str]:
    """Every way a user may write a choice: its Chinese label, its English label or its code."""
    lookup: dict[str, str] = {}
    with translation.override("en"):
        english = {value: str(label) for value, label in choices.choices}
    for value, label in choices.choices:
        if value in exclude:
            continue
        for name in (value, english[value], str(label)):
            lookup[folded_text(name)] = value
    return lookup


class Row:
    def __init__(self, spec: Spec, number: int, values: dict[str, str]):
        self.spec = spec
        self.number = number
        self.values = values
        self.errors: list[dict] = []

    # -- errors --------------------------------------------------------------------------------------------

    def error(self, key: str | None, message: str) -> None:
        column = str(self.spec.column(key).label) if key else ""
        if column:
            text = _("Row %(row)s, “%(column)s”: %(message)s") % {
                "row": self.number,
                "column": column,
                "message": message,
            }
        else:
            text = _("Row %(row)s: %(message)s") % {"row": self.number, "message": message}
        self.errors.append({"row": self.number, "column": column, "message": message, "text": text})

    def check(self) -> None:
        if self.errors:
            raise RowInvalid

    def is_example(self) -> bool:
        example = {k: v for k, v in self.spec.example_values().items() if v}
        return bool(example) and all(self.values.get(k, "") == v for k, v in example.items())

    # -- cells ---------------------------------------------------------------------------------------------

    def raw(self, key: str) -> str:
        return (self.values.get(key) or "").strip()

    def shown(self, key: str) -> str:
        """The cell as it may be shown back to the user: personal numbers masked."""
        value = self.raw(key)
        mask = _MASKS.get(self.spec.column(key).personal)
        return mask(value) if mask else value

    def text(self, key: str, *, required: bool = False, max_length: int | None = None) -> str:
        value = self.raw(key)
        if not value:
            if required:
                self.error(key, _("this column is required"))
            return ""
        if max_length and len(value) > max_length:
            self.error(key, _("longer than %(max)s characters") % {"max": max_length})
        return value

    def integer(self, key: str, *, default=None, minimum=None, maximum=None, required=False) -> int | None:
        value = self.text(key, required=required)
        if not value:
            return default
        try:
            number = int(Decimal(value))
            if number != Decimal(value):
                raise ValueError
        except (InvalidOperation, ValueError):
            self.error(key, _("“%(value)s” is not a whole number") % {"value": value})
            return None
        if (minimum is not None and number < minimum) or (maximum is not None and number > maximum):
            self.error(
                key,
                _("must be between %(minimum)s and %(maximum)s") % {"minimum": minimum, "maximum": maximum},
            )
            return None
        return number

    def decimal(self, key: str, *, minimum, maximum, places: int = 6) -> Decimal | None:
        value = self.text(key)
        if not value:
            return None
        try:
            number = Decimal(value)
            if not number.is_finite():
                raise InvalidOperation
        except InvalidOperation:
            self.error(key, _("“%(value)s” is not a number") % {"value": value})
            return None
        if number < minimum or number > maximum:
            self.error(
                key,
                _("must be between %(minimum)s and %(maximum)s") % {"minimum": minimum, "maximum": maximum},
            )
            return None
        return round(number, places)

    def date(
        self, key: str, *, required: bool = False, not_after_today: bool = False
    ) -> datetime.date | None:
        value = self.text(key, required=required)
        if not value:
            return None
        parsed = parse_date(value)
        if parsed is None:
            self.error(key, _("“%(value)s” is not a date; write it as 2024-03-01") % {"value": value})
            return None
        if not_after_today and parsed > timezone.localdate():
            self.error(key, _("%(value)s is in the future") % {"value": parsed.isoformat()})
            return None
        return parsed

    def boolean(self, key: str, *, default: bool = False) -> bool:
        value = self.raw(key)
        if not value:
            return default
        folded = folded_text(value)
        if folded in {folded_text(_("Yes")), "y", "yes", "true", "1"}:
            return True
        if folded in {folded_text(_("No")), "n", "no", "false", "0"}:
            return False
        self.error(
            key,
            _("“%(value)s” should be %(yes)s or %(no)s") % {"value": value, "yes": _("Yes"), "no": _("No")},
        )
        return default

    def choice(
        self, key: str, choices: type[models.TextChoices], *, required=False, default=None, exclude=()
    ):
        value = self.text(key, required=required)
        if not value:
            return default
        found = choice_lookup(choices, exclude=exclude).get(folded_text(value))
        if found is None:
            self.error(
                key,
                _("“%(value)s” is not one of: %(choices)s")
                % {"value": value, "choices": "、".join(choice_labels(choices, exclude=exclude))},
            )
        return found

    def mobile(self, key: str) -> str:
        value = self.raw(key)
        if value and not is_mobile(value):
            self.error(
                key,
                _("%(value)s is not a mainland mobile number (11 digits starting with 1)")
                % {"value": self.shown(key)},
            )
            return ""
        return normalise_mobile(value) if value else ""

    def id_number(self, key: str, *, required: bool = False) -> str:
        value = normalise_id_number(self.text(key, required=required))
        if value and not id_number_is_valid(value):
            self.error(
                key,
                _(
                    "%(value)s is not a valid ID number (18 characters, the last a digit or X, with a "
                    "correct check digit); if Excel shows the column as numbers, format it as text and enter "
                    "it again"
                )
                % {"value": self.shown(key)},
            )
            return ""
        return value

    def names(self, key: str) -> list[str]:
        return [name for name in _LIST_SEPARATORS.split(self.raw(key)) if name]


def parse_date(value: str) -> datetime.date | None:
    text = value.strip()
    if "T" in text or " " in text:  # "2024-03-01T00:00:00" from a date cell, "2024-03-01 00:00:00" typed
        text = re.split(r"[T ]", text, maxsplit=1)[0]
    for pattern in _DATE_PATTERNS:
        match = pattern.match(text)
        if match:
            try:
                return datetime.date(*(int(part) for part in match.groups()))
            except ValueError:
                return None
    return None


class Context:
    """The acting user and the look-ups every kind needs, always within what the user may change."""

    def __init__(self, actor):
        self.actor = actor
        self.today = timezone.localdate()
        self._cache: dict = {}

    def cached(self, key: str, build: Callable):
        # Only for reference data the import never writes (tags): written rows must be read fresh, since a
        # failed row's savepoint rolls them back.
        if key not in self._cache:
            self._cache[key] = build()
        return self._cache[key]

    def tags(self, row: Row, key: str, model, unknown_message: str) -> list:
        """The tags (HouseholdTag, PersonTag: configured names) listed in the cell, each known by name."""
        by_name = self.cached(model.__name__, lambda: {tag.name: tag for tag in model.objects.order_by("id")})
        names = row.names(key)
        unknown = [name for name in names if name not in by_name]
        if unknown:
            row.error(
                key,
                unknown_message % {"names": "、".join(unknown), "known": "、".join(by_name) or _("none yet")},
            )
        return [by_name[name] for name in names if name in by_name]

    def person_recorded(self, id_number: str) -> Person | None:
        """The person recorded with this ID number anywhere in the county: a person is recorded once, so a
        row must not record him again. Finding him is not leave to change him: see ``person_in_scope``."""
        if not id_number:
            return None
        return Person.objects.filter(id_number_index=Person.id_number_lookup(id_number)).first()

    def person_in_scope(self, row: Row, key: str, person: Person, action: str = CHANGE) -> bool:
        """Whether the user may change (``action``) this person through the pages; else an error on the
        cell. An import changes only what its user may change on the pages (issue 18 finding 3); nothing
        about a person outside is shown, not even whether the row's name matches his."""
        if Person.objects.restrict(self.actor, action).filter(pk=person.pk).exists():
            return True
        row.error(
            key,
            _(
                "the person with this ID number is recorded outside the areas you may change; his records "
                "are changed where he is recorded"
            ),
        )
        return False

    def area(self, row: Row, key: str, *, required: bool = False) -> Area | None:
        """The area whose code is in the cell, if the user may change it; else an error on the cell."""
        code = row.text(key, required=required)
        if not code:
            return None
        area = Area.objects.restrict(self.actor, CHANGE).filter(code=code).first()
        if area is None:
            # Codes are public statistical codes: saying that one exists elsewhere tells the user which
            # mistake he made (a wrong area, not a typo) without showing anything about it.
            if Area.objects.filter(code=code).exists():
                row.error(key, _("the area %(code)s is outside the areas you may change") % {"code": code})
            else:
                row.error(key, _("no area has the code %(code)s") % {"code": code})
            return None
        if area.is_retired:
            row.error(
                key, _("the area %(code)s (%(name)s) has been retired") % {"code": code, "name": area.name}
            )
            return None
        return area
