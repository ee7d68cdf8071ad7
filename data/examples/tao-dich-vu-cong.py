#!/usr/bin/env python3
"""Write dich-vu-cong.xlsx: the 25-service statistics used by Phụ lục II of the example report
(sheet "Tháng 9/2025") and of the previous month's report (sheet "Tháng 8/2025").

Figures are illustrative. Only the standard library is used, and every timestamp is fixed, so
the file is byte-identical each time:  python3 data/examples/tao-dich-vu-cong.py
A secretary normally edits the workbook in Excel or LibreOffice instead.
"""

import os
import zipfile
from xml.sax.saxutils import escape

HEADERS = ["Dịch vụ công trực tuyến", "Kết nối Cổng DVC quốc gia", "Tổng số hồ sơ",
           "Hồ sơ trực tuyến", "Đúng hạn", "Quá hạn", "Khó khăn, vướng mắc"]

# name, total, online, on time, late, difficulties (None = blank cell)
SEPTEMBER = [
    ("Xác nhận số chứng minh nhân dân khi đã được cấp thẻ căn cước", None, 63, None, None, None),
    ("Cấp lại, đổi thẻ căn cước", 11343, 3846, None, None, None),
    ("Đăng ký thường trú", 31809, 31693, 31693, 0, None),
    ("Đăng ký tạm trú", 1518, 1497, 1497, 0, None),
    ("Khai báo tạm vắng", 289, 265, 265, 0, None),
    ("Thông báo lưu trú", 5780, 5780, 5780, 0, None),
    ("Đăng ký, cấp biển số mô tô, xe gắn máy", 5353, 5078, 5078, 0, None),
    ("Nộp phạt vi phạm hành chính giao thông qua thiết bị ghi hình", 4152, 3248, 3248, 0, None),
    ("Đăng ký khai sinh", 2758, 2758, 2758, 0, None),
    ("Đăng ký khai tử", 1128, 1128, 1128, 0, None),
    ("Đăng ký kết hôn", 427, 427, 427, 0, None),
    ("Cấp, cấp lại hộ chiếu phổ thông", 6889, 6712, 6712, 0, None),
    ("Làm con dấu mới và cấp giấy chứng nhận mẫu dấu", 45, 45, 45, 0, None),
    ("Làm con dấu thu nhỏ, dấu nổi, dấu xi", 0, 0, 0, 0, None),
    ("Liên thông khai sinh - thường trú - bảo hiểm y tế cho trẻ dưới 6 tuổi", 4227, 4227, 4227, 0, None),
    ("Liên thông khai tử - xóa thường trú - hỗ trợ mai táng phí", 381, 381, 381, 0, None),
    ("Giảm trừ mức đóng khi gia hạn thẻ bảo hiểm y tế theo hộ gia đình", None, None, None, None,
     "Phần mềm hoạt động chưa ổn định"),
    ("Đăng ký thuế lần đầu cho hộ gia đình, cá nhân", 1928, 1928, 1928, 0, None),
    ("Đăng ký biến động đất đai do thay đổi thông tin người được cấp giấy chứng nhận", 1322, 410, 398, 12, None),
    ("Cấp đổi, cấp lại giấy phép lái xe", 1806, 582, 582, 0, None),
    ("Đăng ký dự thi tốt nghiệp trung học phổ thông", 0, 0, 0, 0, "Trong tháng không phát sinh"),
    ("Cấp phiếu lý lịch tư pháp", 3901, 3901, 3901, 0, None),
    ("Giải quyết hưởng trợ cấp thất nghiệp", 2236, 407, 407, 0, None),
    ("Cấp điện mới từ lưới điện hạ áp", 612, 612, 612, 0, None),
    ("Thay đổi chủ thể hợp đồng mua bán điện", 22, 22, 22, 0, None),
]


def previous(rows):
    """August: the same services with somewhat smaller figures."""
    out = []
    for name, total, online, on_time, late, note in rows:
        def less(x, pct):
            return None if x is None else x - x * pct // 100
        t, o = less(total, 4), less(online, 6)
        if t is not None and o is not None:
            o = min(o, t)
        out.append((name, t, o, o if on_time is not None else None, late, note))
    return out


def sheet_xml(title, rows, strings):
    def s(text):
        if text not in strings:
            strings.append(text)
        return strings.index(text)

    def col(i):
        return "ABCDEFGHIJ"[i]

    lines = []

    def row(r, cells):
        out = []
        for i, v in enumerate(cells):
            ref = f"{col(i)}{r}"
            if v is None:
                continue
            if isinstance(v, str):
                out.append(f'<c r="{ref}" t="s"><v>{s(v)}</v></c>')
            else:
                out.append(f'<c r="{ref}"><v>{v}</v></c>')
        lines.append(f'<row r="{r}">{"".join(out)}</row>')

    row(1, [title])
    row(3, HEADERS)
    for i, (name, total, online, on_time, late, note) in enumerate(rows):
        row(4 + i, [name, "Đã kết nối", total, online, on_time, late, note])
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
            '<cols><col min="1" max="1" width="60" customWidth="1"/>'
            '<col min="2" max="7" width="16" customWidth="1"/></cols>'
            f'<sheetData>{"".join(lines)}</sheetData></worksheet>')


def main():
    strings = []
    sheets = [("Tháng 9/2025", sheet_xml("Số liệu 25 dịch vụ công thiết yếu tháng 9/2025",
                                         SEPTEMBER, strings)),
              ("Tháng 8/2025", sheet_xml("Số liệu 25 dịch vụ công thiết yếu tháng 8/2025",
                                         previous(SEPTEMBER), strings))]
    ns = "http://schemas.openxmlformats.org"
    files = {
        "[Content_Types].xml":
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            f'<Types xmlns="{ns}/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
            + "".join(f'<Override PartName="/xl/worksheets/sheet{i + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
                      for i in range(len(sheets)))
            + '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
            '</Types>',
        "_rels/.rels":
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            f'<Relationships xmlns="{ns}/package/2006/relationships">'
            f'<Relationship Id="rId1" Type="{ns}/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>'
            '</Relationships>',
        "xl/workbook.xml":
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            f'<workbook xmlns="{ns}/spreadsheetml/2006/main" xmlns:r="{ns}/officeDocument/2006/relationships"><sheets>'
            + "".join(f'<sheet name="{escape(n)}" sheetId="{i + 1}" r:id="rId{i + 1}"/>'
                      for i, (n, _) in enumerate(sheets))
            + '</sheets></workbook>',
        "xl/_rels/workbook.xml.rels":
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            f'<Relationships xmlns="{ns}/package/2006/relationships">'
            + "".join(f'<Relationship Id="rId{i + 1}" Type="{ns}/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet{i + 1}.xml"/>'
                      for i in range(len(sheets)))
            + f'<Relationship Id="rId{len(sheets) + 1}" Type="{ns}/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>'
            '</Relationships>',
    }
    for i, (_, xml) in enumerate(sheets):
        files[f"xl/worksheets/sheet{i + 1}.xml"] = xml
    files["xl/sharedStrings.xml"] = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<sst xmlns="{ns}/spreadsheetml/2006/main" count="{len(strings)}" uniqueCount="{len(strings)}">'
        + "".join(f"<si><t>{escape(t)}</t></si>" for t in strings) + "</sst>")
    out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "dich-vu-cong.xlsx")
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name, text in files.items():
            info = zipfile.ZipInfo(name, date_time=(2025, 9, 26, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, text.encode("utf-8"))
    print("đã ghi", out)


if __name__ == "__main__":
    main()
