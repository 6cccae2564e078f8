"""Excel (.xlsx) downloads: one helper, so every export and template looks and behaves the same.

Lists are written with openpyxl's write-only mode, so a county-wide list streams through without a cell
object per value. Every text value is written as text, never as a formula: a name typed as "=HYPERLINK(…)"
must not become a live formula in someone's spreadsheet (CSV/formula injection).
"""

import datetime
import io
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import Decimal

from django.http import HttpResponse
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from lianxin.core.text import text_clean

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
HEADER_FONT = Font(bold=True, color="FFFFFF")
HEADER_FILL = PatternFill("solid", fgColor="C8102E")
TEXT_FORMAT = "@"
DATE_FORMAT = "yyyy-mm-dd"
DATETIME_FORMAT = "yyyy-mm-dd hh:mm"


@dataclass(frozen=True)
class ExcelColumn:
    label: str
    value: Callable[[object], object]
    width: int = 16


def cell_value(value):
    """What openpyxl should store for a Python value: Chinese yes/no for booleans, text for the rest.
    Excel has no time zones: an aware datetime (stored in UTC) is written as the local wall-clock time
    (``TIME_ZONE``, Asia/Shanghai), the time the reader saw on the page; a naive one is written as it is."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if isinstance(value, datetime.datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        return value.replace(tzinfo=None)
    if isinstance(value, int | float | Decimal | datetime.date):
        return value
    # Text stored before entry points cleaned it may hold control characters, which openpyxl refuses.
    return text_clean(str(value))


def text_cell(sheet, value, *, font=None, fill=None):
    """A write-only cell that is never read as a formula."""
    cell = WriteOnlyCell(sheet, value=cell_value(value))
    if isinstance(cell.value, str):
        cell.data_type = "s"
    elif isinstance(cell.value, datetime.datetime):
        cell.number_format = DATETIME_FORMAT
    elif isinstance(cell.value, datetime.date):
        cell.number_format = DATE_FORMAT
    if font:
        cell.font = font
    if fill:
        cell.fill = fill
    return cell


def list_workbook(
    *, title: str, columns: list[ExcelColumn], objects: Iterable, notes: list[tuple[str, str]] = ()
) -> Workbook:
    """One sheet with a header row and a row per object, and optionally a second sheet of notes."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=sheet_title(title))
    for index, column in enumerate(columns, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = column.width
    sheet.freeze_panes = "A2"
    sheet.append([text_cell(sheet, c.label, font=HEADER_FONT, fill=HEADER_FILL) for c in columns])
    for obj in objects:
        sheet.append([text_cell(sheet, column.value(obj)) for column in columns])
    if notes:
        notes_sheet = workbook.create_sheet(title=sheet_title(_("Notes")))
        notes_sheet.column_dimensions["A"].width = 16
        notes_sheet.column_dimensions["B"].width = 60
        for label, value in notes:
            notes_sheet.append(
                [text_cell(notes_sheet, label, font=Font(bold=True)), text_cell(notes_sheet, value)]
            )
    return workbook


def sheet_title(title: str) -> str:
    # Excel refuses sheet names over 31 characters or with []:*?/\ in them.
    cleaned = "".join(ch for ch in text_clean(str(title)) if ch not in "[]:*?/\\")
    return cleaned[:31] or "Sheet1"


def header_style(cell, *, required: bool = False) -> None:
    """For workbooks built in normal mode (templates): the same header look as the lists."""
    cell.font = HEADER_FONT if not required else Font(bold=True, color="FFFF00")
    cell.fill = HEADER_FILL
    cell.alignment = Alignment(vertical="center", wrap_text=True)


def workbook_bytes(workbook: Workbook) -> bytes:
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def xlsx_response(workbook: Workbook, filename: str) -> HttpResponse:
    """The workbook as a download; the Chinese file name survives in every browser (RFC 6266 filename*)."""
    response = HttpResponse(workbook_bytes(workbook), content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = content_disposition_header(True, filename)
    response["Cache-Control"] = "no-store"
    return response
