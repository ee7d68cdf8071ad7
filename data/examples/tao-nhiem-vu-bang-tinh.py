#!/usr/bin/env python3
"""Write nhiem-vu-bang-tinh.xlsx: a task list kept in Excel, as a secretariat keeps it (sheet
"Nhiệm vụ 2025"), read by theo-doi-bang-tinh.yaml through `nhiem_vu: {nguon: ...}`.

Tasks are illustrative (a fictional province). Only the standard library is used, and every
timestamp is fixed, so the file is byte-identical each time:
    python3 data/examples/tao-nhiem-vu-bang-tinh.py
"""

import os
import zipfile
from xml.sax.saxutils import escape

HEADERS = ["Mã", "Nhóm nhiệm vụ", "Nội dung nhiệm vụ", "Đơn vị chủ trì", "Đơn vị phối hợp",
           "Thời hạn", "Tình trạng", "Kết quả"]

G1 = "Về công tác chỉ đạo, điều hành"
G2 = "Về cung cấp dịch vụ công trực tuyến"
G3 = "Về phát triển công dân số"
TASKS = [
    ("CD01", G1, "Ban hành kế hoạch kiểm tra việc thực hiện Đề án 06 tại các sở, ngành và "
     "UBND cấp xã", "Công an tỉnh", "UBND các xã, phường", "Quý I/2025", "hoan_thanh",
     "Đã ban hành Kế hoạch số 41/KH-CAT ngày 12/3/2025."),
    ("CD02", G1, "Kiện toàn Tổ công tác Đề án 06 cấp xã sau sắp xếp đơn vị hành chính",
     "UBND các xã, phường", "Công an tỉnh", "30/6/2025", "hoan_thanh",
     "96/96 xã, phường đã kiện toàn."),
    ("CD03", G1, "Sơ kết 6 tháng thực hiện Đề án 06, đề xuất nhiệm vụ 6 tháng cuối năm",
     "Công an tỉnh", "Các sở, ban, ngành", "6 tháng đầu năm 2025", "chua_hoan_thanh", None),
    ("DV01", G2, "Tái cấu trúc quy trình 25 dịch vụ công thiết yếu trên Cổng dịch vụ công "
     "của tỉnh", "Văn phòng UBND tỉnh", "Sở Khoa học và Công nghệ", "Quý II/2025",
     "dang_thuc_hien", "Đã tái cấu trúc 18/25 dịch vụ."),
    ("DV02", G2, "Số hóa hồ sơ, kết quả giải quyết thủ tục hành chính còn hiệu lực",
     "Sở Nội vụ", "UBND các xã, phường", "Quý IV/2025", "dang_thuc_hien", None),
    ("DV03", G2, "Kết nối hệ thống một cửa điện tử của tỉnh với Cổng dịch vụ công quốc gia",
     "Sở Khoa học và Công nghệ", "Văn phòng UBND tỉnh", "Hằng tháng", "thuong_xuyen",
     "Đã kết nối, đồng bộ trạng thái hồ sơ."),
    ("CS01", G3, "Hướng dẫn người dân kích hoạt tài khoản định danh điện tử mức độ 2",
     "Công an tỉnh", "Tỉnh đoàn", "Hằng tháng", "thuong_xuyen", None),
    ("CS02", G3, "Triển khai sổ sức khỏe điện tử trên ứng dụng VNeID", "Sở Y tế",
     "Công an tỉnh", "30/6/2025", "chua_hoan_thanh", "Đạt 61% dân số."),
]


def sheet_xml(strings):
    def s(text):
        if text not in strings:
            strings.append(text)
        return strings.index(text)

    lines = []

    def row(r, cells):
        out = []
        for i, v in enumerate(cells):
            if v is None:
                continue
            out.append(f'<c r="{"ABCDEFGH"[i]}{r}" t="s"><v>{s(v)}</v></c>')
        lines.append(f'<row r="{r}">{"".join(out)}</row>')

    row(1, HEADERS)
    for i, t in enumerate(TASKS):
        row(2 + i, list(t))
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
            '<cols><col min="1" max="2" width="14" customWidth="1"/>'
            '<col min="3" max="3" width="60" customWidth="1"/>'
            '<col min="4" max="8" width="20" customWidth="1"/></cols>'
            f'<sheetData>{"".join(lines)}</sheetData></worksheet>')


def main():
    strings = []
    sheet = sheet_xml(strings)
    ns = "http://schemas.openxmlformats.org"
    files = {
        "[Content_Types].xml":
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            f'<Types xmlns="{ns}/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
            '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
            '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
            '</Types>',
        "_rels/.rels":
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            f'<Relationships xmlns="{ns}/package/2006/relationships">'
            f'<Relationship Id="rId1" Type="{ns}/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>'
            '</Relationships>',
        "xl/workbook.xml":
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            f'<workbook xmlns="{ns}/spreadsheetml/2006/main" xmlns:r="{ns}/officeDocument/2006/relationships"><sheets>'
            '<sheet name="Nhiệm vụ 2025" sheetId="1" r:id="rId1"/></sheets></workbook>',
        "xl/_rels/workbook.xml.rels":
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            f'<Relationships xmlns="{ns}/package/2006/relationships">'
            f'<Relationship Id="rId1" Type="{ns}/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>'
            f'<Relationship Id="rId2" Type="{ns}/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>'
            '</Relationships>',
        "xl/worksheets/sheet1.xml": sheet,
        "xl/sharedStrings.xml":
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            f'<sst xmlns="{ns}/spreadsheetml/2006/main" count="{len(strings)}" uniqueCount="{len(strings)}">'
            + "".join(f"<si><t>{escape(t)}</t></si>" for t in strings) + "</sst>",
    }
    out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "nhiem-vu-bang-tinh.xlsx")
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name, text in files.items():
            info = zipfile.ZipInfo(name, date_time=(2025, 9, 26, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, text.encode("utf-8"))
    print("đã ghi", out)


if __name__ == "__main__":
    main()
