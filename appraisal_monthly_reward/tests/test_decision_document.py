import io
import zipfile

from lxml import etree

from odoo.tests import tagged

from .common import RewardCommon

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def docx_text(content):
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        root = etree.fromstring(archive.read("word/document.xml"))
    return "\n".join("".join(t.text or "" for t in p.iter(W + "t")) for p in root.iter(W + "p"))


def xlsx_strings(content):
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        root = etree.fromstring(archive.read("xl/sharedStrings.xml"))
    ns = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
    return ["".join(t.text or "" for t in si.iter(ns + "t")) for si in root.iter(ns + "si")]


@tagged("post_install", "-at_install")
class TestDecisionDocument(RewardCommon):
    """The decision fit to sign: the same Vietnamese texts in the PDF, the
    Word file and the spreadsheet, whatever the user's language."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.authority["commune_chair"].write({
            "issuer_name": "Ủy ban nhân dân xã Thống Nhất", "parent_body": "UBND huyện Hạ Long",
            "place": "Thống Nhất",
            "office_title": "Chủ tịch Ủy ban nhân dân xã Thống Nhất",
        })

    def decision(self):
        self.run_to_vote()
        self.cast_all("for")
        self.campaign.with_user(self.user_officer).action_close_voting()
        return self.campaign.with_user(self.user_officer)._create_decision(
            self.authority["commune_chair"], titles=self.title["LDTT"], number="163/QĐ-UBND",
            date="2027-01-15", signer_name="Nguyễn Văn Chủ")

    def test_texts_of_the_decision(self):
        decision = self.decision()
        self.assertEqual(self.user_officer.lang, "en_US")
        data = decision.with_user(self.user_officer)._get_document_data()
        self.assertEqual(data["issuer"], "ỦY BAN NHÂN DÂN XÃ THỐNG NHẤT")
        self.assertEqual(data["parent_body"], "UBND HUYỆN HẠ LONG")
        self.assertEqual(data["number"], "Số: 163/QĐ-UBND")
        self.assertEqual(data["place_date"], "Thống Nhất, ngày 15 tháng 01 năm 2027")
        self.assertEqual(data["subject"], 'Về việc tặng danh hiệu "Lao động tiên tiến" năm 2026')
        self.assertEqual(data["office"], "CHỦ TỊCH ỦY BAN NHÂN DÂN XÃ THỐNG NHẤT")
        self.assertTrue(data["bases"][0].startswith("Căn cứ Luật Tổ chức chính quyền địa phương"))
        self.assertTrue(data["bases"][-1].startswith("Xét đề nghị của"))
        self.assertIn("Điều 1.", data["article1"])
        self.assertIn("cho 8 cá nhân", data["article1"])
        group = data["article1_groups"][0]
        self.assertEqual(group["heading"], '1. Danh hiệu "Lao động tiên tiến": 8 cá nhân')
        self.assertIn("b1, Unit B", group["lines"])
        self.assertIn('mỗi cá nhân được thưởng 0,3 lần mức lương cơ sở 2.340.000 đ, làm tròn '
                      '710.000 đ; 8 cá nhân, thành tiền 5.680.000 đ.', data["article2_lines"][0])
        self.assertEqual(data["total"], "Tổng số tiền thưởng: 5.680.000 đ.")
        self.assertTrue(data["article3"].startswith("Điều 3. Chánh Văn phòng"))
        self.assertEqual(data["recipients"][0], "- Như Điều 3;")
        self.assertEqual(data["signer_title"], "CHỦ TỊCH")

    def test_pdf_docx_and_xlsx(self):
        decision = self.decision().with_user(self.user_officer)
        html = self.env["ir.actions.report"].with_user(self.user_officer)._render_qweb_html(
            "appraisal_monthly_reward.report_reward_decision", decision.ids)[0].decode()
        for text in ("ỦY BAN NHÂN DÂN XÃ THỐNG NHẤT", "Số: 163/QĐ-UBND",
                     "Thống Nhất, ngày 15 tháng 01 năm 2027", "QUYẾT ĐỊNH:",
                     "Căn cứ Luật Tổ chức chính quyền địa phương", "Xét đề nghị của",
                     "710.000 đ", "0,3 lần", "Điều 3.", "Nơi nhận:", "Nguyễn Văn Chủ"):
            self.assertIn(text, html)
        self.assertNotIn("710,000", html)
        text = docx_text(decision._generate_docx())
        for line in ("ỦY BAN NHÂN DÂN XÃ THỐNG NHẤT", "Số: 163/QĐ-UBND", "QUYẾT ĐỊNH",
                     "Thống Nhất, ngày 15 tháng 01 năm 2027", "Điều 1. ", "Điều 2. ",
                     "Điều 3. ", "Nơi nhận:", "- Lưu: VT.", "CHỦ TỊCH", "Nguyễn Văn Chủ",
                     "3. b1, Unit B;"):
            self.assertIn(line, text)
        action = decision.action_export_docx()
        self.assertEqual(action["type"], "ir.actions.act_url")
        strings = xlsx_strings(decision._generate_xlsx())
        for value in ("ỦY BAN NHÂN DÂN XÃ THỐNG NHẤT", "DANH SÁCH KHEN THƯỞNG", "0,3", "b1",
                      "Lao động tiên tiến (8)", "Tổng cộng"):
            self.assertIn(value, strings)

    def test_user_text_stays_text(self):
        self.emp["b1"].name = "=HYPERLINK(\"http://x\")"
        decision = self.decision()
        strings = xlsx_strings(decision._generate_xlsx())
        self.assertIn('=HYPERLINK("http://x")', strings)
