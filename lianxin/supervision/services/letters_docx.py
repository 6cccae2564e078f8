"""A letter as a Word document (python-docx): A4, the issuing office, the running number, the unit, the
content, the time limit and the reply required, in the fonts county offices use (仿宋 text, 黑体 headings)."""

import io

from django.utils import timezone

from lianxin.supervision.models import Letter, LetterKind

BODY_FONT = "仿宋_GB2312"
TITLE_FONT = "方正小标宋简体"

TITLES = {LetterKind.ASSIGNMENT: "工作交办单", LetterKind.REMINDER: "工作提醒函"}


def _run(paragraph, text, *, font=BODY_FONT, size=16, bold=False):
    from docx.oxml.ns import qn
    from docx.shared import Pt

    run = paragraph.add_run(text)
    run.font.size = Pt(size)
    run.font.bold = bold
    run.font.name = "Times New Roman"
    rpr = run._element.get_or_add_rPr()
    fonts = rpr.get_or_add_rFonts()
    fonts.set(qn("w:eastAsia"), font)
    return run


def letter_docx(letter: Letter) -> bytes:
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Mm

    document = Document()
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(37), Mm(35)
    section.left_margin, section.right_margin = Mm(28), Mm(26)
    document.core_properties.author = "连心平台"
    document.core_properties.title = f"{letter.number_label} {letter.title}"

    title = document.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _run(title, TITLES.get(letter.kind, "工作函"), font=TITLE_FONT, size=22)
    number = document.add_paragraph()
    number.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _run(number, letter.number_label)

    unit = document.add_paragraph()
    _run(unit, f"{letter.unit}：")
    heading = document.add_paragraph()
    heading.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _run(heading, letter.title, font="黑体")
    for line in letter.content.splitlines() or [""]:
        p = document.add_paragraph()
        p.paragraph_format.first_line_indent = Mm(11)
        _run(p, line.strip())
    due = letter.case.handle_due if letter.case_id else None
    if letter.working_days:
        p = document.add_paragraph()
        p.paragraph_format.first_line_indent = Mm(11)
        limit = f"办理时限：{letter.working_days.normalize():f}个工作日"
        if due is not None:
            limit += f"（{timezone.localtime(due):%Y年%m月%d日%H:%M}前）"
        _run(p, limit + "。")
    if letter.reply_required:
        p = document.add_paragraph()
        p.paragraph_format.first_line_indent = Mm(11)
        _run(p, "请按时限办理，并将办理情况书面反馈。")
    sign = document.add_paragraph()
    sign.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    _run(sign, f"{timezone.localtime(letter.issued_at):%Y年%m月%d日}")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def letter_docx_name(letter: Letter) -> str:
    return f"{letter.number_label}.docx"
