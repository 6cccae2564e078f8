"""The weekly bulletin is an official document of the issuing office, not python-docx's default: A4 with
the standard margins, the office's red header with the issue number and the date in Chinese, 方正小标宋,
黑体 and 仿宋_GB2312 with the fonts to use in their absence, page numbers, and the office as its author."""

import io
import zipfile
from datetime import datetime

from docx import Document
from docx.oxml.ns import qn

from lianxin.dashboard.bulletins import bulletin_generate
from lianxin.dashboard.official_docx import BODY_FONT, HEADING_FONT, TITLE_FONT
from tests.cases_world import SHANGHAI

ISSUER = "巨川县党建引领基层治理工作领导小组办公室"


def _bulletin(five_cases, world, cast, clock, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    clock.set(datetime(2026, 12, 7, 6, 30, tzinfo=SHANGHAI))  # the Monday job's hour
    bulletin = bulletin_generate(actor=None, area=world.county, day=five_cases["a"].reported_at.date())
    content = bulletin.file.open("rb").read()
    return bulletin, content, Document(io.BytesIO(content))


def _east_asia(element) -> str | None:
    fonts = element.find(f".//{qn('w:rFonts')}")
    return fonts.get(qn("w:eastAsia")) if fonts is not None else None


def test_the_bulletin_is_an_a4_official_document_with_the_offices_red_header(
    five_cases, world, cast, clock, settings, tmp_path
):
    bulletin, _content, document = _bulletin(five_cases, world, cast, clock, settings, tmp_path)
    section = document.sections[0]

    def mm(*lengths):  # Word keeps lengths in twentieths of a point
        return tuple(round(length.mm, 1) for length in lengths)

    assert mm(section.page_width, section.page_height) == (210, 297)  # A4, not US Letter
    assert mm(section.top_margin, section.bottom_margin, section.left_margin, section.right_margin) == (
        37,
        35,
        28,
        26,
    )

    header, number, office, title = document.paragraphs[:4]
    assert header.text == "群众诉求办理情况通报"
    assert {str(r.font.color.rgb) for r in header.runs} == {"FF0000"}
    assert _east_asia(header.runs[0]._r) == TITLE_FONT
    assert number.text == "2026年第49期"  # the week of 30 November is the 49th of 2026
    assert office.text == f"{ISSUER}\t2026年12月7日"
    rule = office._p.find(f".//{qn('w:pBdr')}/{qn('w:bottom')}")
    assert rule is not None and rule.get(qn("w:color")) == "FF0000"
    assert title.text == "巨川县群众诉求办理周通报（2026年11月30日至12月6日）"
    assert bulletin.summary["issue"] == "2026年第49期" and bulletin.summary["issuer"] == ISSUER
    assert document.paragraphs[-1].text == f"{ISSUER}\t2026年12月7日印发"


def test_the_bulletin_writes_chinese_in_chinese_fonts_with_fallbacks(
    five_cases, world, cast, clock, settings, tmp_path
):
    _bulletin_, content, document = _bulletin(five_cases, world, cast, clock, settings, tmp_path)
    styles = document.styles

    assert _east_asia(styles["Normal"].element) == BODY_FONT
    for name in ("Heading 1", "Heading 2"):
        style = styles[name]
        assert _east_asia(style.element) == HEADING_FONT
        assert str(style.font.color.rgb) == "000000"  # not the template's blue
        fonts = style.element.find(f".//{qn('w:rFonts')}")
        assert fonts.get(qn("w:asciiTheme")) is None and fonts.get(qn("w:eastAsiaTheme")) is None
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    assert headings[:2] == ["一、主要指标", "二、本周走势"]
    # Numbered in order with no gap when a section is left out (no red list when no area is ranked).
    assert [h[:2] for h in headings] == ["一、", "二、", "三、", "四、", "五、"][: len(headings)]
    assert headings[-1] == "五、重新办理的诉求"

    with zipfile.ZipFile(io.BytesIO(content)) as package:
        font_table = package.read("word/fontTable.xml").decode()
        core = package.read("docProps/core.xml").decode()
        app = package.read("docProps/app.xml").decode()
        footer = "".join(
            package.read(name).decode() for name in package.namelist() if name.startswith("word/footer")
        )
    for font, fallback in ((TITLE_FONT, "宋体"), (BODY_FONT, "仿宋"), (HEADING_FONT, "SimHei")):
        assert f'w:name="{font}"' in font_table
        assert f'<w:altName w:val="{fallback}"/>' in font_table
    assert "python-docx" not in core and ISSUER in core and "zh-CN" in core
    assert "Microsoft Macintosh Word" not in app and ISSUER in app
    assert "PAGE" in footer and "— " in footer


def test_the_document_properties_name_the_office_as_author(
    five_cases, world, cast, clock, settings, tmp_path
):
    _bulletin_, _content, document = _bulletin(five_cases, world, cast, clock, settings, tmp_path)
    properties = document.core_properties

    assert properties.author == ISSUER
    assert properties.last_modified_by == ISSUER
    assert properties.title.startswith("巨川县群众诉求办理周通报")
    assert properties.language == "zh-CN"
