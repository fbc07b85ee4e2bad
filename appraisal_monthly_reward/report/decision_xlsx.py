"""The list attached to a commendation decision as a spreadsheet, built
with the base addon's sheet helpers (``appraisal_monthly/report/
xlsx_common.py``): the same heading, title, table and signature layout as
the official appraisal sheets, every user text written as text."""
import io

from odoo.addons.appraisal_monthly.compat import xlsxwriter

from odoo.addons.appraisal_monthly.report import xlsx_common as xc

from ..rules.amounts import vi_number

COLUMNS = (  # (header, width)
    ("STT", 6), ("Họ và tên / Tập thể", 28), ("Chức vụ", 20), ("Đơn vị", 24),
    ("Hệ số", 8), ("Mức lương cơ sở (đ)", 16), ("Số tiền (đ)", 16),
)


def build(texts, groups):
    """The .xlsx bytes: ``texts`` of the decision, ``groups`` of awards
    ([(title, scope, [award dict])])."""
    if xlsxwriter is None:
        raise RuntimeError("xlsxwriter is not installed")
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, xc.WORKBOOK_OPTIONS)
    sheet = book.add_worksheet("Quyet dinh")
    formats = xc.make_formats(book)
    # Amounts the Vietnamese way whatever the spreadsheet's locale: written
    # as numbers with a "#.##0" look through a text format would lose the
    # sum; keep numbers, with the thousands separator of the reader's
    # spreadsheet, and the coefficient with its decimal comma as text.
    money = book.add_format({"font_name": xc.FONT, "font_size": 11, "border": 1,
                             "align": "right", "valign": "vcenter", "num_format": "#,##0"})
    money_total = book.add_format({"font_name": xc.FONT, "font_size": 11, "border": 1,
                                   "bold": True, "align": "right", "valign": "vcenter",
                                   "num_format": "#,##0"})
    last = len(COLUMNS) - 1
    for col, (_header, width) in enumerate(COLUMNS):
        sheet.set_column(col, col, width)
    row = xc.write_heading(sheet, formats, last, texts["issuer"],
                           texts["parent_body"] or None)
    xc.merge_text(sheet, 2, 0, 2, xc._split(last)[0], texts["number"], formats["org_sub"])
    row = xc.write_title(sheet, formats, row, last, "DANH SÁCH KHEN THƯỞNG",
                         "(Kèm theo Quyết định %s, %s)" % (
                             texts["number"].replace("Số: ", "số "),
                             texts["place_date"].split(", ", 1)[-1]))
    header_row = row
    for col, (header, _width) in enumerate(COLUMNS):
        xc.write_text(sheet, row, col, header, formats["header"])
    row += 1
    total = 0
    for index, (title, _scope, awards) in enumerate(groups, start=1):
        xc.write_text(sheet, row, 0, xc.roman(index), formats["section"])
        xc.merge_text(sheet, row, 1, row, last, "%s (%s)" % (title, len(awards)),
                      formats["section"])
        row += 1
        for number, award in enumerate(awards, start=1):
            sheet.write_number(row, 0, number, formats["integer"])
            xc.write_text(sheet, row, 1, award["name"], formats["text"])
            xc.write_text(sheet, row, 2, award["position"], formats["text"])
            xc.write_text(sheet, row, 3, award["unit"], formats["text"])
            xc.write_text(sheet, row, 4, vi_number(award["coefficient"]), formats["text_center"])
            sheet.write_number(row, 5, award["base_salary"] or 0, money)
            sheet.write_number(row, 6, award["amount"] or 0, money)
            total += award["amount"] or 0
            row += 1
    xc.merge_text(sheet, row, 0, row, 5, "Tổng cộng", formats["total_label"])
    sheet.write_number(row, 6, total, money_total)
    row += 2
    left_end, right_start = xc._split(last)
    xc.merge_text(sheet, row, right_start, row, last, texts["signer_title"],
                  formats["sign_title"])
    xc.merge_text(sheet, row + 4, right_start, row + 4, last, texts["signer_name"],
                  formats["sign_name"])
    xc.merge_text(sheet, row, 0, row, left_end, texts["place_date"], formats["date_line"])
    xc.setup_print(sheet, header_row, header_row)
    book.close()
    return buffer.getvalue()
