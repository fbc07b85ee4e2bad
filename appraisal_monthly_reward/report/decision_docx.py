"""The commendation decision as a Word file (python-docx), in the layout of
Decree 30/2020/NĐ-CP: A4, Times New Roman 13-14, margins 20/20/30/15 mm,
heading in two columns (issuing body and number / national motto and the
place and date), title, legal bases, articles, then the recipients (left)
and the signature block (right).

``build(texts)`` places the texts of :func:`rules.document.decision_texts`.
"""
import io

try:
    import docx
    from docx.enum.table import WD_TABLE_ALIGNMENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Cm, Mm, Pt
except ImportError:  # pragma: no cover - declared in the manifest
    docx = None

FONT = "Times New Roman"


def available():
    return docx is not None


def _font(run, size=14, bold=False, italic=False, underline=False):
    run.font.name = FONT
    run.font.size = Pt(size)
    run.bold = bold
    run.italic = italic
    run.underline = underline
    # East-Asian and complex scripts too, or Word falls back to another font.
    fonts = run._element.get_or_add_rPr().get_or_add_rFonts()
    for attribute in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attribute), FONT)


def _paragraph(container, text="", size=14, bold=False, italic=False, underline=False,
               align=None, indent=False, space_after=6, keep_with_next=False):
    paragraph = container.add_paragraph()
    if align == "center":
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    elif align == "justify":
        paragraph.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    elif align == "right":
        paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    fmt = paragraph.paragraph_format
    fmt.space_before = Pt(0)
    fmt.space_after = Pt(space_after)
    fmt.line_spacing = 1.1
    fmt.keep_with_next = keep_with_next
    if indent:
        fmt.first_line_indent = Cm(1.27)
    if text:
        _font(paragraph.add_run(text), size, bold, italic, underline)
    return paragraph


def _run(paragraph, text, size=14, bold=False, italic=False):
    _font(paragraph.add_run(text), size, bold, italic)


def _borderless(table):
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        element = OxmlElement("w:%s" % edge)
        element.set(qn("w:val"), "nil")
        borders.append(element)
    table._tbl.tblPr.append(borders)


def _widths(table, *widths):
    """Fixed column widths (Word reads them on every cell)."""
    table.autofit = False
    total = OxmlElement("w:tblW")
    total.set(qn("w:type"), "dxa")
    total.set(qn("w:w"), str(sum(int(width.twips) for width in widths)))
    for old in table._tbl.tblPr.findall(qn("w:tblW")):
        table._tbl.tblPr.remove(old)
    table._tbl.tblPr.append(total)
    for row in table.rows:
        for cell, width in zip(row.cells, widths):
            cell.width = width
    for column, width in zip(table.columns, widths):
        column.width = width


def _cell(table, row, col):
    cell = table.cell(row, col)
    cell.paragraphs[0]._element.getparent().remove(cell.paragraphs[0]._element)
    return cell


def _short_rule(container):
    """The short line under the issuing body and under the motto."""
    return _paragraph(container, "—————", size=10, align="center", space_after=2)


def build(texts):
    """The .docx bytes of the decision."""
    if docx is None:
        raise RuntimeError("python-docx is not installed")
    document = docx.Document()
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(20), Mm(20)
    section.left_margin, section.right_margin = Mm(30), Mm(15)
    style = document.styles["Normal"]
    style.font.name = FONT
    style.font.size = Pt(14)

    # Heading: issuing body and number | national motto and place, date.
    heading = document.add_table(rows=2, cols=2)
    _borderless(heading)
    heading.alignment = WD_TABLE_ALIGNMENT.CENTER
    _widths(heading, Cm(6.3), Cm(10.2))
    left = _cell(heading, 0, 0)
    if texts["parent_body"]:
        _paragraph(left, texts["parent_body"], size=13, align="center", space_after=0)
    _paragraph(left, texts["issuer"], size=13, bold=True, align="center", space_after=0)
    _short_rule(left)
    right = _cell(heading, 0, 1)
    _paragraph(right, texts["motto_1"], size=13, bold=True, align="center", space_after=0)
    _paragraph(right, texts["motto_2"], size=14, bold=True, align="center", space_after=0)
    _short_rule(right)
    _paragraph(_cell(heading, 1, 0), texts["number"], size=13, align="center")
    _paragraph(_cell(heading, 1, 1), texts["place_date"], size=14, italic=True,
               align="center")

    _paragraph(document, "", space_after=6)
    _paragraph(document, texts["title"], size=14, bold=True, align="center", space_after=0)
    _paragraph(document, texts["subject"], size=14, bold=True, align="center", space_after=0)
    _short_rule(document)
    _paragraph(document, texts["office"], size=14, bold=True, align="center", space_after=12)
    for line in texts["bases"]:
        _paragraph(document, line, italic=True, align="justify", indent=True)
    _paragraph(document, texts["decides"], bold=True, align="center", space_after=12)

    article = _paragraph(document, align="justify", indent=True)
    head, _sep, rest = texts["article1"].partition(". ")
    _run(article, head + ". ", bold=True)
    _run(article, rest)
    for group in texts["article1_groups"]:
        _paragraph(document, group["heading"], bold=True, indent=True, keep_with_next=True)
        for number, line in enumerate(group["lines"], start=1):
            _paragraph(document, "%s. %s;" % (number, line), indent=True, space_after=2)
    article = _paragraph(document, align="justify", indent=True)
    head, _sep, rest = texts["article2"].partition(". ")
    _run(article, head + ". ", bold=True)
    _run(article, rest)
    for line in texts["article2_lines"]:
        _paragraph(document, line, align="justify", indent=True, space_after=2)
    _paragraph(document, texts["total"], bold=True, indent=True)
    if texts["fund"]:
        _paragraph(document, texts["fund"], indent=True)
    article = _paragraph(document, align="justify", indent=True, space_after=12)
    head, _sep, rest = texts["article3"].partition(". ")
    _run(article, head + ". ", bold=True)
    _run(article, rest)

    # Recipients (left) and signature (right).
    closing = document.add_table(rows=1, cols=2)
    _borderless(closing)
    _widths(closing, Cm(7.5), Cm(9))
    left = _cell(closing, 0, 0)
    _paragraph(left, texts["recipients_title"], size=12, bold=True, italic=True, space_after=0)
    for line in texts["recipients"]:
        _paragraph(left, line, size=11, space_after=0)
    right = _cell(closing, 0, 1)
    _paragraph(right, texts["signer_title"], bold=True, align="center", space_after=0)
    for _i in range(4):
        _paragraph(right, "", space_after=6)
    _paragraph(right, texts["signer_name"], bold=True, align="center")

    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
