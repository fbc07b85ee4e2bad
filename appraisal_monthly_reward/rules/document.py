"""The texts of a commendation decision, laid out as Decree 30/2020/NĐ-CP
lays out administrative documents (no Odoo import).

The models gather the figures; :func:`decision_texts` returns every line
of the document in Vietnamese, whatever the language of the user who
prints it, and the PDF, DOCX and XLSX builders only place them.
"""
from collections import OrderedDict

from .amounts import vi_number


def date_words(day):
    """"ngày 15 tháng 01 năm 2027": days under 10 and the months January
    and February take a leading zero (Decree 30/2020, appendix I)."""
    month = "%02d" % day.month if day.month < 3 else "%d" % day.month
    return "ngày %02d tháng %s năm %d" % (day.day, month, day.year)


def place_date(place, day):
    """"Thống Nhất, ngày 15 tháng 01 năm 2027"."""
    return "%s, %s" % (place or "..........", date_words(day)) if day else ""


def money(value):
    """710000 -> "710.000 đ"."""
    return "%s đ" % vi_number(value, 0)


def decision_texts(header, groups):
    """Every text of the decision.

    ``header``: dict with parent_body, issuer, number, place, date, subject,
    office, bases (list of lines), proposal, executors, recipients (list),
    fund, signer_title, signer_name, year.
    ``groups``: [(title name, scope, [award dict])] in the titles' order,
    each award a dict with name, position, unit, coefficient,
    base_salary, amount.
    """
    article1 = []
    article2 = []
    total = 0
    for index, (title, scope, awards) in enumerate(groups, start=1):
        kind = "tập thể" if scope == "collective" else "cá nhân"
        article1.append({
            "heading": '%s. Danh hiệu "%s": %s %s' % (index, title, len(awards), kind),
            "lines": [
                ", ".join(part for part in (award["name"], award["position"], award["unit"])
                          if part)
                for award in awards
            ],
        })
        rates = OrderedDict()
        for award in awards:
            key = (award["coefficient"], award["base_salary"], award["amount"])
            rates.setdefault(key, []).append(award)
            total += award["amount"] or 0
        for (coefficient, base_salary, amount), same in rates.items():
            article2.append(
                '- "%s": mỗi %s được thưởng %s lần mức lương cơ sở %s, làm tròn %s; '
                "%s %s, thành tiền %s." % (
                    title, kind, vi_number(coefficient), money(base_salary), money(amount),
                    len(same), kind, money(amount * len(same))))
    count_people = sum(len(a) for _t, scope, a in groups if scope != "collective")
    count_units = sum(len(a) for _t, scope, a in groups if scope == "collective")
    who = []
    if count_people:
        who.append("%s cá nhân" % count_people)
    if count_units:
        who.append("%s tập thể" % count_units)
    office = header.get("office") or ""
    return {
        "parent_body": (header.get("parent_body") or "").upper(),
        "issuer": (header.get("issuer") or "").upper(),
        "number": "Số: %s" % (header.get("number") or ""),
        "motto_1": "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "motto_2": "Độc lập - Tự do - Hạnh phúc",
        "place_date": place_date(header.get("place"), header.get("date")),
        "title": "QUYẾT ĐỊNH",
        "subject": header.get("subject") or "",
        "office": office.upper(),
        "bases": [line for line in header.get("bases") or [] if line.strip()]
        + ([header["proposal"]] if header.get("proposal") else []),
        "decides": "QUYẾT ĐỊNH:",
        "article1": "Điều 1. Tặng danh hiệu thi đua, hình thức khen thưởng năm %s cho %s "
                    "có thành tích sau:" % (header.get("year") or "", " và ".join(who) or "..."),
        "article1_groups": article1,
        "article2": "Điều 2. Tiền thưởng kèm theo (Nghị định số 152/2025/NĐ-CP: hệ số nhân "
                    "mức lương cơ sở có hiệu lực ngày ký quyết định, làm tròn lên hàng "
                    "chục nghìn đồng):",
        "article2_lines": article2,
        "total": "Tổng số tiền thưởng: %s." % money(total),
        "fund": ("Nguồn kinh phí: %s." % header["fund"].rstrip(".")) if header.get("fund") else "",
        "article3": "Điều 3. %s" % (header.get("executors") or "").strip(),
        "signer_title": (header.get("signer_title") or "").upper(),
        "signer_name": header.get("signer_name") or "",
        "recipients_title": "Nơi nhận:",
        "recipients": [line for line in header.get("recipients") or [] if line.strip()],
    }
