"""A Word document laid out as county offices issue theirs (after GB/T 9704-2012, 党政机关公文格式), for
the weekly bulletin: A4 with the standard margins; the issuing office's red header (版头) with the issue
number and the date; 方正小标宋 for the title, 黑体 for headings, 仿宋_GB2312 for the text, each with the
font Word and WPS use when it is missing (``w:altName`` in the font table); "— 1 —" page numbers; the
office as the author in the file's properties. python-docx starts from a US Letter, English template
whose author is "python-docx": every one of those is replaced here.
"""

from datetime import datetime

from docx import Document
from docx.enum.section import WD_SECTION
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING, WD_TAB_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor
from lxml import etree

# Font names are what Word looks up, not text shown to anyone.
TITLE_FONT = "方正小标宋简体"
HEADING_FONT = "黑体"
BODY_FONT = "仿宋_GB2312"
NUMBER_FONT = "宋体"  # page numbers
LATIN_FONT = "Times New Roman"
# What a reader without the font gets instead: the fonts every Chinese Windows has (and WPS maps).
FALLBACKS = {TITLE_FONT: "宋体", HEADING_FONT: "SimHei", BODY_FONT: "仿宋", NUMBER_FONT: "SimSun"}

RED = RGBColor(0xFF, 0x00, 0x00)  # the 版头 and its rule are printed in red
BLACK = RGBColor(0, 0, 0)

PAGE_WIDTH, PAGE_HEIGHT = Mm(210), Mm(297)
MARGINS = {"top": Mm(37), "bottom": Mm(35), "left": Mm(28), "right": Mm(26)}
TEXT_WIDTH = PAGE_WIDTH - MARGINS["left"] - MARGINS["right"]
BODY_SIZE = Pt(16)  # 三号
TABLE_SIZE = Pt(12)  # 小四: tables of eight columns do not fit in 三号
TITLE_SIZE = Pt(22)  # 二号
HEADER_SIZE = Pt(36)  # the red 版头
LINE = Pt(28)  # fixed line pitch of the text, 22 lines a page

TABLE_STYLE = "Lianxin Table Text"


def _fonts(rpr, east_asia: str, latin: str = LATIN_FONT) -> None:
    """Set a run's or style's fonts: the East Asian one for Chinese, Times New Roman for digits and Latin.
    The template's theme fonts (Calibri, 宋体 by theme) would override explicit names: removed."""
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attribute in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(attribute), None)
    fonts.set(qn("w:ascii"), latin)
    fonts.set(qn("w:hAnsi"), latin)
    fonts.set(qn("w:cs"), latin)
    fonts.set(qn("w:eastAsia"), east_asia)
    fonts.set(qn("w:hint"), "eastAsia")


def _style(document, name, *, font, size, bold=False, indent=True, spacing=LINE):
    style = document.styles[name]
    style.font.size = size
    style.font.bold = bold
    style.font.italic = False
    style.font.color.rgb = BLACK
    _fonts(style.element.get_or_add_rPr(), font)
    fmt = style.paragraph_format
    fmt.space_before = Pt(0)
    fmt.space_after = Pt(0)
    fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    fmt.line_spacing = spacing
    fmt.first_line_indent = size * 2 if indent else Pt(0)
    # The template's headings carry a blue bottom border or shading in some styles: none in a 公文.
    ppr = style.element.get_or_add_pPr()
    for child in ppr.findall(qn("w:pBdr")):
        ppr.remove(child)
    return style


def _font_table(document) -> None:
    """Name each Chinese font with the one to use in its absence (``w:altName``, charset 86 = GB2312)."""
    part = next(p for p in document.part.package.iter_parts() if p.partname == "/word/fontTable.xml")
    root = etree.fromstring(part.blob)
    for name, fallback in FALLBACKS.items():
        font = etree.SubElement(root, qn("w:font"), {qn("w:name"): name})
        etree.SubElement(font, qn("w:altName"), {qn("w:val"): fallback})
        etree.SubElement(font, qn("w:charset"), {qn("w:val"): "86"})
        etree.SubElement(font, qn("w:family"), {qn("w:val"): "modern"})
        etree.SubElement(font, qn("w:pitch"), {qn("w:val"): "fixed"})
    part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _language(document) -> None:
    """Chinese as the document's East Asian language, so that Word checks and breaks lines as Chinese."""
    rpr = document.styles["Normal"].element.get_or_add_rPr()
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.append(lang)
    lang.set(qn("w:val"), "zh-CN")
    lang.set(qn("w:eastAsia"), "zh-CN")


def _page_number(paragraph) -> None:
    """ "— N —" in 4号 宋体, the number a field Word fills in on every page."""

    def run(text=None):
        r = paragraph.add_run(text)
        r.font.size = Pt(14)
        _fonts(r._r.get_or_add_rPr(), NUMBER_FONT, NUMBER_FONT)
        return r

    run("— ")
    for kind, text in (
        ("begin", None),
        ("instr", " PAGE "),
        ("separate", None),
        ("text", "1"),
        ("end", None),
    ):
        r = run()
        if kind == "instr":
            instr = OxmlElement("w:instrText")
            instr.set(qn("xml:space"), "preserve")
            instr.text = text
            r._r.append(instr)
        elif kind == "text":
            r.text = text
        else:
            char = OxmlElement("w:fldChar")
            char.set(qn("w:fldCharType"), kind)
            r._r.append(char)
    run(" —")


def _border(paragraph, side: str, colour: str, eighths: int) -> None:
    ppr = paragraph._p.get_or_add_pPr()
    borders = ppr.find(qn("w:pBdr"))
    if borders is None:
        borders = OxmlElement("w:pBdr")
        ppr.append(borders)
    line = OxmlElement(f"w:{side}")
    line.set(qn("w:val"), "single")
    line.set(qn("w:sz"), str(eighths))
    line.set(qn("w:space"), "4")
    line.set(qn("w:color"), colour)
    borders.append(line)


def official_document(*, issuer: str, title: str, header: str, issue: str, issued_on: str, when: datetime):
    """A new document with the page, styles, fonts, red header, title and page numbers of an official
    bulletin from ``issuer``; the caller adds the body with ``heading``, ``paragraph`` and ``table``."""
    document = Document()
    section = document.sections[0]
    section.start_type = WD_SECTION.NEW_PAGE
    section.page_width, section.page_height = PAGE_WIDTH, PAGE_HEIGHT
    section.top_margin, section.bottom_margin = MARGINS["top"], MARGINS["bottom"]
    section.left_margin, section.right_margin = MARGINS["left"], MARGINS["right"]
    section.footer_distance = Mm(20)

    _style(document, "Normal", font=BODY_FONT, size=BODY_SIZE)
    for name in ("Heading 1", "Heading 2"):
        style = _style(document, name, font=HEADING_FONT, size=BODY_SIZE)
        style.paragraph_format.keep_with_next = True
    table_text = document.styles.add_style(TABLE_STYLE, WD_STYLE_TYPE.PARAGRAPH)
    table_text.base_style = document.styles["Normal"]
    _style(document, TABLE_STYLE, font=BODY_FONT, size=TABLE_SIZE, indent=False, spacing=Pt(18))
    _language(document)
    _font_table(document)

    # The 版头: the bulletin's name in red, the issue number, the office and the date, a red rule.
    name = document.add_paragraph()
    name.alignment = WD_ALIGN_PARAGRAPH.CENTER
    name.paragraph_format.first_line_indent = Pt(0)
    name.paragraph_format.line_spacing = Pt(48)
    name.paragraph_format.space_after = Pt(12)
    run = name.add_run(header)
    run.font.size, run.font.color.rgb = HEADER_SIZE, RED
    _fonts(run._r.get_or_add_rPr(), TITLE_FONT)
    number = document.add_paragraph(issue)
    number.alignment = WD_ALIGN_PARAGRAPH.CENTER
    number.paragraph_format.first_line_indent = Pt(0)
    office = document.add_paragraph()
    office.paragraph_format.first_line_indent = Pt(0)
    office.paragraph_format.tab_stops.add_tab_stop(TEXT_WIDTH, WD_TAB_ALIGNMENT.RIGHT)
    office.add_run(f"{issuer}\t{issued_on}")
    _border(office, "bottom", "FF0000", 16)  # 2 pt red rule under the header

    heading = document.add_paragraph()
    heading.alignment = WD_ALIGN_PARAGRAPH.CENTER
    heading.paragraph_format.first_line_indent = Pt(0)
    heading.paragraph_format.line_spacing = Pt(36)
    heading.paragraph_format.space_before = Pt(24)
    heading.paragraph_format.space_after = Pt(12)
    run = heading.add_run(title)
    run.font.size = TITLE_SIZE
    _fonts(run._r.get_or_add_rPr(), TITLE_FONT)

    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    footer.paragraph_format.first_line_indent = Pt(0)
    _page_number(footer)

    properties = document.core_properties
    properties.author = issuer
    properties.last_modified_by = issuer
    properties.title = title
    properties.subject = header
    properties.language = "zh-CN"
    properties.comments = ""
    properties.keywords = ""
    properties.category = header
    properties.created = properties.modified = when.replace(tzinfo=None)
    properties.revision = 1
    _company(document, issuer)
    return document


def _company(document, issuer: str) -> None:
    """The extended properties (docProps/app.xml) name the template's application and no company."""
    part = next((p for p in document.part.package.iter_parts() if p.partname == "/docProps/app.xml"), None)
    if part is None:
        return
    root = etree.fromstring(part.blob)
    ns = {"ep": "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"}
    company = root.find("ep:Company", ns)
    if company is not None:
        company.text = issuer
    application = root.find("ep:Application", ns)
    if application is not None:
        application.text = "Lianxin"
    part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def heading(document, text: str):
    return document.add_paragraph(text, style="Heading 1")


def paragraph(document, text: str):
    return document.add_paragraph(text)


def table(document, header: list[str], rows: list[list[str]]):
    """A grid table in 小四 仿宋, its header row in 黑体, centred on the page."""
    grid = document.add_table(rows=1, cols=len(header))
    grid.style = "Table Grid"
    grid.alignment = WD_TABLE_ALIGNMENT.CENTER
    for i, text in enumerate(header):
        cell = grid.rows[0].cells[i]
        cell.text = text
        cell.paragraphs[0].style = TABLE_STYLE
        for run in cell.paragraphs[0].runs:
            _fonts(run._r.get_or_add_rPr(), HEADING_FONT)
    for row in rows:
        cells = grid.add_row().cells
        for i, value in enumerate(row):
            cells[i].text = value
            cells[i].paragraphs[0].style = TABLE_STYLE
    return grid


def imprint(document, *, issuer: str, issued_on: str) -> None:
    """The 版记 at the end: the office and the day it was issued between two rules."""
    line = document.add_paragraph()
    line.paragraph_format.first_line_indent = Pt(0)
    line.paragraph_format.space_before = Pt(24)
    line.paragraph_format.tab_stops.add_tab_stop(TEXT_WIDTH, WD_TAB_ALIGNMENT.RIGHT)
    run = line.add_run(f"{issuer}\t{issued_on}")
    run.font.size = Pt(14)
    _border(line, "top", "000000", 8)
    _border(line, "bottom", "000000", 8)
