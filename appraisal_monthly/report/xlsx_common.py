"""Shared pieces of the official XLSX sheets (period sheet, annual sheet).

Plain helpers around an ``xlsxwriter`` workbook, in the Vietnamese
administrative layout: organisation name upper-left, national heading
upper-right, a centred title, the table, then the date line and the
signature blocks.  The official texts are fixed Vietnamese.
"""
from odoo.tools import SQL

RATING_LABELS_VI = {
    "excellent": "Hoàn thành xuất sắc nhiệm vụ",
    "good": "Hoàn thành tốt nhiệm vụ",
    "completed": "Hoàn thành nhiệm vụ",
    "failed": "Không hoàn thành nhiệm vụ",
}
RATING_ORDER = ("excellent", "good", "completed", "failed")
NOT_RATED_VI = "Chưa xếp loại"

NATIONAL_HEADING = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
NATIONAL_MOTTO = "Độc lập - Tự do - Hạnh phúc"

FONT = "Times New Roman"

# Never turn a text into a formula, a number or a link: names, posts and
# units are typed by users ("=HYPERLINK(...)" must stay text).
WORKBOOK_OPTIONS = {
    "in_memory": True,
    "strings_to_formulas": False,
    "strings_to_numbers": False,
    "strings_to_urls": False,
}


def constant_memory_options(tmpdir=None):
    """Options of a workbook whose rows go to a temporary file as they are
    written (a sheet of a whole province in a few megabytes of memory):
    every cell must then be written row by row, never going back to a
    row (``merge_down`` for cells merged over two rows)."""
    options = dict(WORKBOOK_OPTIONS, in_memory=False, constant_memory=True)
    if tmpdir:
        options["tmpdir"] = tmpdir
    return options


def merge_down(ws, first_row, col, last_row):
    """Merge a column's cells over rows already written, each written in
    its row (``merge_range`` would write the rows below at once, which a
    sheet in constant memory cannot go back from)."""
    ws.merge.append([first_row, col, last_row, col])


def write_text(ws, row, col, text, cell_format):
    """A text cell, written as text whatever it holds."""
    text = "" if text is None or text is False else str(text)
    if text:
        ws.write_string(row, col, text, cell_format)
    else:
        ws.write_blank(row, col, None, cell_format)


def merge_text(ws, first_row, first_col, last_row, last_col, text, cell_format):
    """Merged cells holding a text, written as text whatever it holds."""
    ws.merge_range(first_row, first_col, last_row, last_col, "", cell_format)
    write_text(ws, first_row, first_col, text, cell_format)

ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X",
         "XI", "XII", "XIII", "XIV", "XV")


def roman(number):
    """Roman numeral of 1..15, the plain number beyond."""
    return ROMAN[number - 1] if 0 < number <= len(ROMAN) else str(number)


def make_formats(workbook):
    """The formats of the official sheets, by name."""
    base = {"font_name": FONT, "font_size": 12, "valign": "vcenter"}

    def fmt(**props):
        return workbook.add_format(dict(base, **props))

    cell = {"border": 1, "text_wrap": True, "font_size": 11}
    return {
        "org": fmt(bold=True, align="center", text_wrap=True),
        "org_sub": fmt(align="center", text_wrap=True),
        "national": fmt(bold=True, align="center"),
        "motto": fmt(bold=True, underline=True, align="center"),
        "title": fmt(bold=True, font_size=14, align="center", text_wrap=True),
        "subtitle": fmt(italic=True, align="center", text_wrap=True),
        "header": fmt(bold=True, align="center", bg_color="#D9E1F2", **cell),
        "text": fmt(**cell),
        "text_center": fmt(align="center", **cell),
        "number": fmt(align="right", num_format="0.00", **cell),
        "integer": fmt(align="center", num_format="0", **cell),
        "percent": fmt(align="right", num_format="0.00%", **cell),
        "total_label": fmt(bold=True, **cell),
        "total_integer": fmt(bold=True, align="center", num_format="0", **cell),
        "total_percent": fmt(bold=True, align="right", num_format="0.00%", **cell),
        "section": fmt(bold=True, bg_color="#F2F2F2", **cell),
        "note": fmt(italic=True, font_size=11, text_wrap=True, valign="top"),
        "date_line": fmt(italic=True, align="center"),
        "sign_title": fmt(bold=True, align="center"),
        "sign_hint": fmt(italic=True, align="center", font_size=11),
        "sign_name": fmt(bold=True, align="center"),
    }


def _split(last_col):
    """Columns of the left block and of the right block of a heading."""
    left_end = max(1, (last_col + 1) * 2 // 5 - 1)
    return left_end, min(last_col, left_end + 1)


def write_heading(ws, formats, last_col, org_name, parent_name=None):
    """Organisation (left) and national heading (right) on rows 0-1.

    Returns the next free row.
    """
    left_end, right_start = _split(last_col)
    top = parent_name.upper() if parent_name else ""
    # Row by row, left to right: a sheet written in constant memory
    # (``constant_memory_options``) cannot go back to a row.
    ws.set_row(0, 20)
    merge_text(ws, 0, 0, 0, left_end, top or (org_name or "").upper(), formats["org_sub" if top else "org"])
    merge_text(ws, 0, right_start, 0, last_col, NATIONAL_HEADING, formats["national"])
    ws.set_row(1, 20)
    merge_text(ws, 1, 0, 1, left_end, (org_name or "").upper() if top else "", formats["org"])
    merge_text(ws, 1, right_start, 1, last_col, NATIONAL_MOTTO, formats["motto"])
    return 3


def write_title(ws, formats, row, last_col, title, subtitle=None):
    """A centred title (and subtitle) over the whole width; returns the next row."""
    merge_text(ws, row, 0, row, last_col, title, formats["title"])
    ws.set_row(row, 40)
    row += 1
    if subtitle:
        merge_text(ws, row, 0, row, last_col, subtitle, formats["subtitle"])
        row += 1
    return row + 1


def date_line(place, date):
    """"<place>, ngày dd tháng mm năm yyyy"."""
    return "%s, ngày %02d tháng %02d năm %d" % (place or "..........", date.day, date.month, date.year)


def write_signatures(ws, formats, row, last_col, place, date,
                     left=("NGƯỜI LẬP BIỂU", "(Ký, ghi rõ họ tên)"),
                     right=("THỦ TRƯỞNG ĐƠN VỊ", "(Ký tên, đóng dấu)"),
                     left_name="", right_name=""):
    """Date line (right) and two signature blocks; returns the next row."""
    left_end, right_start = _split(last_col)
    merge_text(ws, row, right_start, row, last_col, date_line(place, date), formats["date_line"])
    row += 1
    merge_text(ws, row, 0, row, left_end, left[0], formats["sign_title"])
    merge_text(ws, row, right_start, row, last_col, right[0], formats["sign_title"])
    row += 1
    merge_text(ws, row, 0, row, left_end, left[1], formats["sign_hint"])
    merge_text(ws, row, right_start, row, last_col, right[1], formats["sign_hint"])
    row += 5  # room to sign
    merge_text(ws, row, 0, row, left_end, left_name or "", formats["sign_name"])
    merge_text(ws, row, right_start, row, last_col, right_name or "", formats["sign_name"])
    return row + 1


def setup_print(ws, header_first_row, header_last_row):
    """A4 landscape, fit to the page width, table header repeated on each page."""
    ws.set_landscape()
    ws.set_paper(9)  # A4
    ws.set_margins(left=0.4, right=0.4, top=0.5, bottom=0.5)
    ws.center_horizontally()
    ws.repeat_rows(header_first_row, header_last_row)
    ws.fit_to_pages(1, 0)
    ws.set_footer("&C&\"%s\"&10Trang &P/&N" % FONT)


def row_height(cells, line_height=16, min_lines=1):
    """Height of a row whose wrapped texts are ``[(text, column width)]``.

    Spreadsheets do not grow rows written by xlsxwriter to fit wrapped
    text, so estimate the number of lines (about one character per unit
    of column width).
    """
    lines = min_lines
    for text, width in cells:
        if not text:
            continue
        per_line = max(1, int(width * 1.2) - 1)
        count = sum(max(1, -(-len(part) // per_line)) for part in str(text).split("\n"))
        lines = max(lines, count)
    return line_height * lines


def ids_in_sheet_order(model, domain):
    """Ids of the records of ``model`` (with an employee and a unit) that
    match ``domain`` and the current user may read, in a sheet's order:
    unit, then name.  Read in one query, so that a sheet of a whole
    province is then read a batch at a time."""
    env = model.env
    query = model._search(domain)
    model.flush_model(["department_id", "employee_id"])
    env["hr.employee"].flush_model(["name"])
    env.cr.execute(SQL(
        """SELECT record.id, record.department_id, COALESCE(employee.name, '')
             FROM %s record
        LEFT JOIN hr_employee employee ON employee.id = record.employee_id
            WHERE record.id IN %s""",
        SQL.identifier(model._table), query.subselect(),
    ))
    rows = env.cr.fetchall()
    # The units' full names through the ORM (a stored column on 18.0,
    # computed on 19.0): a company has few units.
    departments = env["hr.department"].sudo().with_context(active_test=False).browse(
        sorted({row[1] for row in rows if row[1]}))
    unit_name = {department.id: department.complete_name or "" for department in departments}
    rows.sort(key=lambda row: (unit_name.get(row[1], ""), row[2], row[0]))
    return [row[0] for row in rows]
