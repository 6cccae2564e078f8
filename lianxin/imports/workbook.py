"""Reading an uploaded workbook into rows of cell text, and building the template a user fills in."""

import datetime
import re
import zipfile

from django.conf import settings
from django.utils.translation import gettext as _
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.utils.exceptions import InvalidFileException
from openpyxl.worksheet.datavalidation import DataValidation

from lianxin.core.errors_domain import DomainError
from lianxin.core.excel import TEXT_FORMAT, header_style, sheet_title
from lianxin.core.text import text_clean
from lianxin.imports.specs.base import Spec

# Excel refuses a drop-down list whose items add up to more than 255 characters.
_DROPDOWN_LIMIT = 255


def max_rows() -> int:
    return getattr(settings, "IMPORT_MAX_ROWS", 5000)


def max_bytes() -> int:
    return getattr(settings, "IMPORT_MAX_BYTES", 5 * 1024 * 1024)


def max_unzipped_bytes() -> int:
    return getattr(settings, "IMPORT_MAX_UNZIPPED_BYTES", 100 * 1024 * 1024)


def _unreadable() -> DomainError:
    return DomainError(
        _("This file cannot be read as an Excel workbook (.xlsx). Download the template and fill it in."),
        code="unreadable",
        field="file",
    )


def _check_sizes(upload) -> None:
    too_large = DomainError(
        _("The file is larger than %(size)s MB; split it into smaller files.")
        % {"size": max_bytes() // (1024 * 1024)},
        code="too_large",
        field="file",
    )
    if getattr(upload, "size", 0) > max_bytes():
        raise too_large
    # A small .xlsx can unpack to gigabytes (a zip bomb); the declared sizes are checked before reading.
    try:
        with zipfile.ZipFile(upload) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError):
        raise _unreadable() from None
    finally:
        upload.seek(0)
    if unpacked > max_unzipped_bytes():
        raise too_large


def _header_key(text: str) -> str:
    # Headers match however the user spaced them, and with a required-marker "*" left on.
    return re.sub(r"[\s*＊]+", "", str(text or "")).lower()


def cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, datetime.datetime):
        return value.date().isoformat() if value.time() == datetime.time(0) else value.isoformat(sep=" ")
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    # A cell can carry control characters (written by another program, or as _x0001_ escapes).
    return text_clean(str(value)).strip()


def rows_read(upload, spec: Spec) -> list[dict]:
    """The file's rows as [{"row": excel row number, "values": {column key: text}}]; empty rows skipped.

    Refuses, with a message saying what to do, a file that is not a workbook, that is too large (packed or
    unpacked), that lacks a required column, that has no rows or too many.
    """
    _check_sizes(upload)
    try:
        workbook = load_workbook(upload, read_only=True, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, ValueError, OSError, TypeError):
        raise _unreadable() from None
    try:
        title = sheet_title(spec.label)
        sheet = workbook[title] if title in workbook.sheetnames else workbook.worksheets[0]
        lines = sheet.iter_rows(values_only=True)
        header = next(lines, None) or ()
        by_header = {}
        for column in spec.columns:
            by_header[_header_key(column.label)] = column.key
            by_header[_header_key(column.key)] = column.key
        positions = {}
        for index, text in enumerate(header):
            key = by_header.get(_header_key(text))
            if key and key not in positions:
                positions[key] = index
        missing = [str(c.label) for c in spec.columns if c.required and c.key not in positions]
        if missing:
            raise DomainError(
                _("These columns are missing: %(columns)s. Keep the first row of the template as it is.")
                % {"columns": "、".join(missing)},
                code="missing_columns",
                field="file",
            )
        rows = []
        for number, line in enumerate(lines, start=2):
            values = {key: cell_text(line[i]) if i < len(line) else "" for key, i in positions.items()}
            if not any(values.values()):
                continue
            rows.append({"row": number, "values": values})
            if len(rows) > max_rows():
                raise DomainError(
                    _("The file has more than %(max)s rows; import at most %(max)s at a time.")
                    % {"max": max_rows()},
                    code="too_many_rows",
                    field="file",
                )
    finally:
        workbook.close()
    if not rows:
        raise DomainError(_("The file has no rows to import below the header."), code="empty", field="file")
    return rows


def template_workbook(spec: Spec) -> Workbook:
    """The sheet to fill in (Chinese headers, one example row, drop-down lists) and a sheet of notes."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = sheet_title(spec.label)
    notes = workbook.create_sheet(sheet_title(_("How to fill in")))
    for index, column in enumerate(spec.columns, start=1):
        letter = get_column_letter(index)
        header = sheet.cell(row=1, column=index, value=str(column.label))
        header_style(header, required=column.required)
        example = sheet.cell(row=2, column=index, value=str(column.example))
        dimension = sheet.column_dimensions[letter]
        dimension.width = column.width
        if column.text:
            # Typed IDs and codes stay text instead of becoming 3.79901E+17.
            dimension.number_format = TEXT_FORMAT
            example.number_format = TEXT_FORMAT
        choices = column.choices() if column.choices else []
        listed = ",".join(choices)
        if choices and len(listed) + 2 <= _DROPDOWN_LIMIT and '"' not in listed:
            validation = DataValidation(type="list", formula1=f'"{listed}"', allow_blank=True)
            validation.showErrorMessage = False
            sheet.add_data_validation(validation)
            validation.add(f"{letter}2:{letter}{max_rows() + 1}")
    sheet.freeze_panes = "A2"

    lines = [
        [_("How to fill in the sheet “%(sheet)s”") % {"sheet": sheet.title}],
        [
            _(
                "Keep the first row (the column names) as it is. Columns whose name is in yellow must be "
                "filled in."
            )
        ],
        [_("The second row is an example: overwrite it or delete it before uploading.")],
        [_("At most %(max)s rows per file.") % {"max": max_rows()}],
        [
            _(
                "After uploading you see every problem, by row and column; nothing is written until you "
                "confirm."
            )
        ],
        [_("The whole file is written, or nothing of it.")],
        *[[str(note)] for note in spec.notes],
        [],
        [_("Column"), _("Required"), _("What to fill in"), _("Accepted values"), _("Example")],
    ]
    for line in lines:
        notes.append(line)
    heading_row = len(lines)
    for cell in notes[heading_row]:
        header_style(cell)
    notes.cell(row=1, column=1).font = Font(bold=True, size=13)
    for column in spec.columns:
        choices = column.choices() if column.choices else []
        notes.append(
            [
                str(column.label),
                _("Yes") if column.required else _("No"),
                str(column.help),
                "、".join(choices),
                str(column.example),
            ]
        )
    for letter, width in zip("ABCDE", (20, 8, 60, 40, 24), strict=True):
        notes.column_dimensions[letter].width = width
    for line in notes.iter_rows(min_row=heading_row + 1):
        for cell in line:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    return workbook
