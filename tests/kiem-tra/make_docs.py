#!/usr/bin/env python3
"""Write the kiem-tra test set: DOCX files built with python-docx "the way a person in Word would".

Usage: make_docs.py OUT_DIR

OUT_DIR receives one conformant Báo cáo (bao-cao-mau.docx), one variant per rule that breaks
exactly that rule (loi-<rule-id>.docx), and manifest.json mapping each file name to the rule ids
the checker must report for it (empty for the conformant file).  The rules are those of
Decree 30/2020 as summarised in shared/nd30.md; the rule ids are those of crates/kiem-tra/src/rule.rs.

Every variant is the conformant builder run with one parameter changed (see VARIANTS).
"""

import copy
import json
import os
import struct
import sys
from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, Twips

# --------------------------------------------------------------------------------------------
# Text widths in Times New Roman, from the metric-compatible Liberation Serif bundled in fonts/
# (the same fonts the checker measures with).  A tiny TrueType reader: cmap (format 4/12),
# hhea, hmtx, head.  Falls back to a rough average width when the fonts are not found.

FONT_DIR = Path(__file__).resolve().parents[2] / "fonts"


class Face:
    def __init__(self, path):
        data = Path(path).read_bytes()
        self.data = data
        num = struct.unpack(">H", data[4:6])[0]
        tables = {}
        for i in range(num):
            tag, _chk, off, length = struct.unpack(">4sIII", data[12 + 16 * i: 28 + 16 * i])
            tables[tag.decode("latin-1")] = (off, length)
        head = tables["head"][0]
        self.units = struct.unpack(">H", data[head + 18: head + 20])[0]
        hhea = tables["hhea"][0]
        n_hmetrics = struct.unpack(">H", data[hhea + 34: hhea + 36])[0]
        hmtx = tables["hmtx"][0]
        self.advances = [
            struct.unpack(">H", data[hmtx + 4 * i: hmtx + 4 * i + 2])[0] for i in range(n_hmetrics)
        ]
        self.cmap = self._read_cmap(tables["cmap"][0])

    def _read_cmap(self, base):
        d = self.data
        n = struct.unpack(">H", d[base + 2: base + 4])[0]
        subtables = []
        for i in range(n):
            pid, eid, off = struct.unpack(">HHI", d[base + 4 + 8 * i: base + 12 + 8 * i])
            fmt = struct.unpack(">H", d[base + off: base + off + 2])[0]
            if pid == 3 and eid in (1, 10) or pid == 0:
                subtables.append((fmt, base + off))
        subtables.sort(key=lambda s: s[0] != 12)  # prefer format 12
        for fmt, off in subtables:
            if fmt == 12:
                return self._fmt12(off)
            if fmt == 4:
                return self._fmt4(off)
        raise ValueError("no usable cmap")

    def _fmt4(self, off):
        d = self.data
        segx2 = struct.unpack(">H", d[off + 6: off + 8])[0]
        seg = segx2 // 2
        ends = off + 14
        starts = ends + segx2 + 2
        deltas = starts + segx2
        ranges = deltas + segx2
        m = {}
        for i in range(seg):
            end = struct.unpack(">H", d[ends + 2 * i: ends + 2 * i + 2])[0]
            start = struct.unpack(">H", d[starts + 2 * i: starts + 2 * i + 2])[0]
            delta = struct.unpack(">h", d[deltas + 2 * i: deltas + 2 * i + 2])[0]
            ro_pos = ranges + 2 * i
            ro = struct.unpack(">H", d[ro_pos: ro_pos + 2])[0]
            for c in range(start, end + 1):
                if c == 0xFFFF:
                    continue
                if ro == 0:
                    g = (c + delta) & 0xFFFF
                else:
                    gp = ro_pos + ro + 2 * (c - start)
                    g = struct.unpack(">H", d[gp: gp + 2])[0]
                    if g:
                        g = (g + delta) & 0xFFFF
                m[c] = g
        return m

    def _fmt12(self, off):
        d = self.data
        n = struct.unpack(">I", d[off + 12: off + 16])[0]
        m = {}
        for i in range(n):
            s, e, g = struct.unpack(">III", d[off + 16 + 12 * i: off + 28 + 12 * i])
            for c in range(s, e + 1):
                m[c] = g + (c - s)
        return m

    def width_pt(self, text, size_pt):
        total = 0
        for ch in text:
            g = self.cmap.get(ord(ch))
            if g is None:
                total += 500
            else:
                total += self.advances[min(g, len(self.advances) - 1)]
        return total * size_pt / self.units


_FACES = {}


def text_width_pt(text, size_pt, bold):
    key = "Bold" if bold else "Regular"
    if key not in _FACES:
        path = FONT_DIR / f"LiberationSerif-{key}.ttf"
        _FACES[key] = Face(path) if path.exists() else None
    face = _FACES[key]
    if face is None:  # rough: Times averages ~0.5 em (bold capitals ~0.72 em)
        return len(text) * size_pt * (0.62 if bold else 0.5)
    return face.width_pt(text, size_pt)


# --------------------------------------------------------------------------------------------
# The document's parameters.  Every variant changes exactly one of them.

BASE = {
    "paper": "A4",                       # or "Letter"
    "margins_mm": (20, 20, 30, 15),      # top, bottom, left, right
    "font": "Times New Roman",
    "body_font": "Times New Roman",
    "body_pt": 14,
    "body_align": "justify",             # or "left"
    "parent_agency": "UBND TỈNH BẮC HÀ",
    "agency": "SỞ NỘI VỤ",
    "national_title": "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    "motto": "Độc lập - Tự do - Hạnh phúc",
    "motto_rule": True,
    "number": "Số: 05/BC-SNV",
    "place_date": "Bắc Hà, ngày 05 tháng 02 năm 2026",
    "type_name": "BÁO CÁO",
    "type_name_bold": True,
    "summary": "Kết quả công tác tháng 01 năm 2026",
    "numbering": "ok",                   # "gap" (1. then 3.), "letter-f" (a) ... f))
    "authority": ("KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"),
    "signer": "Nguyễn Văn An",
    "recipients_label_bold_italic": True,
    "page_number": True,
    "extra_paragraphs": 0,
}

VARIANTS = [
    # file name, rule ids the checker must report, parameter overrides
    ("bao-cao-mau.docx", [], {}),
    ("loi-kho-giay.docx", ["kho-giay"], {"paper": "Letter"}),
    ("loi-le-trang.docx", ["le-trang"], {"margins_mm": (20, 20, 20, 15)}),
    ("loi-phong-chu.docx", ["phong-chu"], {"body_font": "Arial"}),
    ("loi-co-chu.docx", ["co-chu"], {"body_pt": 12}),
    ("loi-quoc-hieu.docx", ["quoc-hieu"], {"national_title": "Cộng hòa xã hội chủ nghĩa Việt Nam"}),
    ("loi-tieu-ngu.docx", ["tieu-ngu"], {"motto": "Độc lập \u2013 Tự do \u2013 Hạnh phúc"}),
    ("loi-duong-ke.docx", ["duong-ke"], {"motto_rule": False}),
    ("loi-so-ky-hieu.docx", ["so-ky-hieu"], {"number": "Số: 5/BC-SNV"}),
    ("loi-dia-danh-ngay.docx", ["dia-danh-ngay"], {"place_date": "Bắc Hà, ngày 5 tháng 2 năm 2026"}),
    ("loi-ten-loai.docx", ["ten-loai"], {"type_name_bold": False}),
    ("loi-noi-dung.docx", ["noi-dung"], {"body_align": "left"}),
    ("loi-danh-so.docx", ["danh-so"], {"numbering": "gap"}),
    ("loi-danh-so-chu-f.docx", ["danh-so"], {"numbering": "letter-f"}),
    ("loi-chu-ky.docx", ["chu-ky"], {"authority": ("KT GIÁM ĐỐC", "PHÓ GIÁM ĐỐC")}),
    ("loi-noi-nhan.docx", ["noi-nhan"], {"recipients_label_bold_italic": False}),
    ("loi-so-trang.docx", ["so-trang"], {"page_number": False, "extra_paragraphs": 40}),
    ("loi-co-quan.docx", ["co-quan"], {"agency": "Sở Nội vụ"}),
]

PAPER_MM = {"A4": (210, 297), "Letter": (215.9, 279.4)}
CELL_MARGIN_TW = 108  # Word's default left/right cell margin (Normal Table style), 0.19 cm


# --------------------------------------------------------------------------------------------
# Low-level helpers.

def set_run_font(run, name, size_pt=None, bold=None, italic=None):
    run.font.name = name
    rpr = run._element.get_or_add_rPr()
    rfonts = rpr.find(qn("w:rFonts"))
    if rfonts is None:
        rfonts = OxmlElement("w:rFonts")
        rpr.insert(0, rfonts)
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        rfonts.set(qn(attr), name)
    if size_pt is not None:
        run.font.size = Pt(size_pt)
        szcs = rpr.find(qn("w:szCs"))
        if szcs is None:
            szcs = OxmlElement("w:szCs")
            rpr.append(szcs)
        szcs.set(qn("w:val"), str(int(round(size_pt * 2))))
    if bold is not None:
        run.font.bold = bold
    if italic is not None:
        run.font.italic = italic


def set_mark_size(paragraph, size_pt):
    """Size of the paragraph mark (what an empty paragraph's height comes from)."""
    ppr = paragraph._p.get_or_add_pPr()
    rpr = OxmlElement("w:rPr")
    sz = OxmlElement("w:sz")
    sz.set(qn("w:val"), str(int(round(size_pt * 2))))
    rpr.append(sz)
    ppr.append(rpr)


def add_bottom_border(paragraph):
    ppr = paragraph._p.get_or_add_pPr()
    pbdr = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    bottom.set(qn("w:val"), "single")
    bottom.set(qn("w:sz"), "6")
    bottom.set(qn("w:space"), "1")
    bottom.set(qn("w:color"), "000000")
    pbdr.append(bottom)
    # pBdr comes early in pPr (after keepNext..pageBreakBefore etc., before spacing/ind/jc)
    anchor = None
    for tag in ("w:shd", "w:tabs", "w:suppressAutoHyphens", "w:spacing", "w:ind", "w:jc", "w:rPr"):
        anchor = ppr.find(qn(tag))
        if anchor is not None:
            break
    if anchor is not None:
        anchor.addprevious(pbdr)
    else:
        ppr.append(pbdr)


def tight(paragraph, after_pt=0):
    pf = paragraph.paragraph_format
    pf.space_before = Pt(0)
    pf.space_after = Pt(after_pt)
    pf.line_spacing_rule = WD_LINE_SPACING.SINGLE


def rule_paragraph(container, region_tw, rule_pt):
    """An empty centred paragraph with a bottom border `rule_pt` long, in a region `region_tw` wide."""
    p = container.add_paragraph()
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    tight(p)
    side = max(0, (region_tw - rule_pt * 20) / 2)
    p.paragraph_format.left_indent = Twips(round(side))
    p.paragraph_format.right_indent = Twips(round(side))
    add_bottom_border(p)
    set_mark_size(p, 6)
    return p


def borderless_table(doc, widths_tw):
    table = doc.add_table(rows=1, cols=len(widths_tw))
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False  # w:tblLayout w:type="fixed"
    tbl = table._tbl
    tblpr = tbl.tblPr
    tblw = tblpr.find(qn("w:tblW"))
    if tblw is None:
        tblw = OxmlElement("w:tblW")
        tblpr.append(tblw)
    tblw.set(qn("w:w"), str(sum(widths_tw)))
    tblw.set(qn("w:type"), "dxa")
    borders = OxmlElement("w:tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        b = OxmlElement(f"w:{side}")
        b.set(qn("w:val"), "nil")
        borders.append(b)
    # order within tblPr: tblStyle, tblpPr, tblOverlap, bidiVisual, tblStyleRowBandSize,
    # tblStyleColBandSize, tblW, jc, tblCellSpacing, tblInd, tblBorders, shd, tblLayout, ...
    jc = tblpr.find(qn("w:jc"))
    (jc if jc is not None else tblw).addnext(borders)
    for col, w in zip(tbl.tblGrid.findall(qn("w:gridCol")), widths_tw):
        col.set(qn("w:w"), str(w))
    for cell, w in zip(table.rows[0].cells, widths_tw):
        cell.width = Twips(w)
    return table


def cell_lines(cell, font, lines):
    """lines: (text, size, bold, italic[, align]); the first uses the cell's own paragraph."""
    first = True
    for spec in lines:
        text, size, bold, italic = spec[:4]
        align = spec[4] if len(spec) > 4 else WD_ALIGN_PARAGRAPH.CENTER
        p = cell.paragraphs[0] if first else cell.add_paragraph()
        first = False
        p.alignment = align
        tight(p)
        if text:
            set_run_font(p.add_run(text), font, size, bold, italic)
        else:
            set_mark_size(p, size)


def add_page_field(paragraph, font, size_pt):
    def fld(kind):
        r = paragraph.add_run()
        set_run_font(r, font, size_pt)
        el = OxmlElement("w:fldChar")
        el.set(qn("w:fldCharType"), kind)
        r._element.append(el)

    fld("begin")
    r = paragraph.add_run()
    set_run_font(r, font, size_pt)
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = " PAGE "
    r._element.append(instr)
    fld("separate")
    r = paragraph.add_run("2")
    set_run_font(r, font, size_pt)
    fld("end")


def set_default_fonts(doc, font, size_pt):
    """Normal style and the document defaults: Times New Roman (ascii, hAnsi, eastAsia, cs), Vietnamese."""
    styles = doc.styles.element
    rpr_default = styles.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    rf = rpr_default.find(qn("w:rFonts"))
    for a in list(rf.attrib):
        del rf.attrib[a]
    for a in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        rf.set(qn(a), font)
    lang = rpr_default.find(qn("w:lang"))
    if lang is not None:
        lang.set(qn("w:val"), "vi-VN")

    normal = doc.styles["Normal"]
    normal.font.name = font
    normal.font.size = Pt(size_pt)
    rpr = normal.element.get_or_add_rPr()
    rfonts = rpr.find(qn("w:rFonts"))
    for a in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        rfonts.set(qn(a), font)
    lang = OxmlElement("w:lang")
    lang.set(qn("w:val"), "vi-VN")
    rpr.append(lang)


# --------------------------------------------------------------------------------------------
# Body content.

def body_outline(numbering, extra):
    """(kind, text) pairs: kind is 'h1', 'h2' (bold headings) or 'p' (body paragraph)."""
    out = [
        ("h1", "I. KẾT QUẢ ĐẠT ĐƯỢC"),
        ("h2", "1. Công tác chỉ đạo"),
        ("p", "Sở Nội vụ đã tham mưu Ủy ban nhân dân tỉnh ban hành kế hoạch cải cách hành chính năm 2026. "
              "Các phòng, đơn vị thuộc Sở triển khai nhiệm vụ đúng tiến độ được giao."),
        ("p", "Lãnh đạo Sở tổ chức giao ban định kỳ hằng tuần để nắm tình hình và chỉ đạo kịp thời. "
              "Những vướng mắc phát sinh được tổng hợp, báo cáo cấp có thẩm quyền xem xét, giải quyết."),
    ]
    second = "3." if numbering == "gap" else "2."
    out += [
        ("h2", f"{second} Kết quả thực hiện nhiệm vụ chuyên môn"),
        ("p", "Trong tháng, Sở đã hoàn thành các nhiệm vụ trọng tâm theo chương trình công tác. "
              "Kết quả cụ thể như sau:"),
    ]
    letters_ok = [
        ("a", "Về tổ chức bộ máy: thẩm định đề án sắp xếp tổ chức của 03 cơ quan chuyên môn. "
              "Các đề án bảo đảm đúng quy định và được trình Ủy ban nhân dân tỉnh phê duyệt."),
        ("b", "Về công chức, viên chức: tổ chức tuyển dụng 25 viên chức ngành giáo dục. "
              "Kỳ tuyển dụng diễn ra công khai, minh bạch, đúng quy chế."),
    ]
    if numbering == "letter-f":
        letters = letters_ok + [
            ("c", "Về cải cách hành chính: rà soát 120 thủ tục hành chính thuộc thẩm quyền giải quyết. "
                  "Đề xuất đơn giản hóa 15 thủ tục trong quý I/2026."),
            ("d", "Về thi đua, khen thưởng: thẩm định hồ sơ khen thưởng cho 42 tập thể và cá nhân. "
                  "Hồ sơ được giải quyết đúng thời hạn."),
            ("đ", "Về văn thư, lưu trữ: hướng dẫn nghiệp vụ cho 18 cơ quan, đơn vị. "
                  "Tài liệu lưu trữ được chỉnh lý theo đúng quy trình."),
            ("e", "Về công tác thanh niên: phối hợp tổ chức hội nghị đối thoại với đoàn viên. "
                  "Các kiến nghị được tiếp thu và trả lời đầy đủ."),
            ("f", "Về tôn giáo: nắm tình hình hoạt động của các tổ chức tôn giáo trên địa bàn. "
                  "Tình hình cơ bản ổn định, không phát sinh vụ việc phức tạp."),
        ]
    else:
        letters = letters_ok
    out += [("p", f"{l}) {t}") for l, t in letters]
    out += [
        ("p", "- Công tác kiểm tra được thực hiện thường xuyên tại các cơ quan, đơn vị. "
              "Qua kiểm tra đã chấn chỉnh kịp thời những tồn tại, hạn chế."),
        ("p", "- Việc ứng dụng công nghệ thông tin tiếp tục được đẩy mạnh. "
              "Tỷ lệ văn bản điện tử gửi, nhận qua hệ thống đạt 98,5%."),
    ]
    for i in range(extra):
        out.append(("p", f"Nội dung bổ sung thứ {i + 1}: các phòng chuyên môn tiếp tục theo dõi, đôn đốc việc "
                         "thực hiện nhiệm vụ được giao tại cơ quan, đơn vị. Kết quả được tổng hợp hằng tuần "
                         "và báo cáo lãnh đạo Sở để chỉ đạo kịp thời. Những khó khăn, vướng mắc được ghi nhận "
                         "và đề xuất hướng xử lý cụ thể."))
    out += [
        ("h1", "II. NHIỆM VỤ THÁNG TỚI"),
        ("h2", "1. Nhiệm vụ trọng tâm"),
        ("p", "Tiếp tục tham mưu triển khai kế hoạch cải cách hành chính và sắp xếp tổ chức bộ máy. "
              "Hoàn thành tổng hợp số liệu biên chế năm 2026 trước ngày 20 tháng 02 năm 2026."),
        ("p", "Các phòng, đơn vị thuộc Sở chủ động xây dựng kế hoạch chi tiết để thực hiện. "
              "Định kỳ báo cáo kết quả về Văn phòng Sở để tổng hợp./."),
    ]
    return out


# --------------------------------------------------------------------------------------------
# The builder.

def build(params, path):
    P = params
    font = P["font"]
    doc = Document()
    set_default_fonts(doc, font, 14)
    doc.core_properties.title = "Báo cáo kết quả công tác tháng 01 năm 2026"
    doc.core_properties.author = "Sở Nội vụ tỉnh Bắc Hà"
    doc.core_properties.language = "vi-VN"

    # Page setup
    sec = doc.sections[0]
    w_mm, h_mm = PAPER_MM[P["paper"]]
    sec.orientation = WD_ORIENT.PORTRAIT
    sec.page_width = Mm(w_mm)
    sec.page_height = Mm(h_mm)
    top, bottom, left, right = P["margins_mm"]
    sec.top_margin, sec.bottom_margin = Mm(top), Mm(bottom)
    sec.left_margin, sec.right_margin = Mm(left), Mm(right)
    sec.header_distance = Mm(10)
    sec.footer_distance = Mm(10)
    text_w_tw = round((sec.page_width - sec.left_margin - sec.right_margin) / 635)  # EMU -> twips
    left_w = round(text_w_tw * 0.4)
    right_w = text_w_tw - left_w

    # Header table: agency | Quốc hiệu, Tiêu ngữ
    table = borderless_table(doc, [left_w, right_w])
    lc, rc = table.rows[0].cells
    cell_lines(lc, font, [(P["parent_agency"], 12, False, False), (P["agency"], 12, True, False)])
    agency_w = text_width_pt(P["agency"], 12, True)
    rule_paragraph(lc, left_w - 2 * CELL_MARGIN_TW, agency_w * 5 / 12)  # middle of 1/3..1/2
    p = lc.add_paragraph()
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    tight(p)
    p.paragraph_format.space_before = Pt(6)
    set_run_font(p.add_run(P["number"]), font, 13, False, False)

    cell_lines(rc, font, [(P["national_title"], 12, True, False), (P["motto"], 13, True, False)])
    if P["motto_rule"]:
        rule_paragraph(rc, right_w - 2 * CELL_MARGIN_TW, text_width_pt(P["motto"], 13, True))
    p = rc.add_paragraph()
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    tight(p)
    p.paragraph_format.space_before = Pt(6)
    set_run_font(p.add_run(P["place_date"]), font, 13, False, True)

    # Type name, trích yếu, rule
    p = doc.add_paragraph()
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    tight(p)
    p.paragraph_format.space_before = Pt(18)
    set_run_font(p.add_run(P["type_name"]), font, 14, P["type_name_bold"], False)
    p = doc.add_paragraph()
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    tight(p)
    set_run_font(p.add_run(P["summary"]), font, 14, True, False)
    rule_paragraph(doc, text_w_tw, text_width_pt(P["summary"], 14, True) * 5 / 12)
    spacer = doc.add_paragraph()
    tight(spacer)
    set_mark_size(spacer, 12)

    # Body
    align = WD_ALIGN_PARAGRAPH.JUSTIFY if P["body_align"] == "justify" else WD_ALIGN_PARAGRAPH.LEFT
    for kind, text in body_outline(P["numbering"], P["extra_paragraphs"]):
        p = doc.add_paragraph()
        pf = p.paragraph_format
        pf.first_line_indent = Twips(720)  # 1.27 cm
        pf.space_before = Pt(0)
        pf.space_after = Pt(6)
        pf.line_spacing = 1.15
        if kind == "p":
            p.alignment = align
        else:
            p.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
            pf.keep_with_next = True
        set_run_font(p.add_run(text), P["body_font"], P["body_pt"], kind != "p", False)

    # Signature table: Nơi nhận | authority, name
    table = borderless_table(doc, [left_w, right_w])
    lc, rc = table.rows[0].cells
    bi = P["recipients_label_bold_italic"]
    la = WD_ALIGN_PARAGRAPH.LEFT
    cell_lines(lc, font, [
        ("Nơi nhận:", 12, bi, bi, la),
        ("- Như trên;", 11, False, False, la),
        ("- Ủy ban nhân dân tỉnh;", 11, False, False, la),
        ("- Lưu: VT, VP.", 11, False, False, la),
    ])
    a1, a2 = P["authority"]
    cell_lines(rc, font, [
        (a1, 14, True, False), (a2, 14, True, False),
        ("", 14, False, False), ("", 14, False, False), ("", 14, False, False),
        (P["signer"], 14, True, False),
    ])
    # keep the signature block with the end of the body
    doc.paragraphs[-1].paragraph_format.keep_with_next = True

    # Page number: centred PAGE field in the page header, none on page 1
    if P["page_number"]:
        sec.different_first_page_header_footer = True
        sec.first_page_header.is_linked_to_previous = False
        hp = sec.header.paragraphs[0]
        hp.alignment = WD_ALIGN_PARAGRAPH.CENTER
        add_page_field(hp, font, 14)

    doc.save(path)


def main(argv):
    if len(argv) != 2:
        sys.stderr.write("usage: make_docs.py OUT_DIR\n")
        return 2
    out = Path(argv[1])
    out.mkdir(parents=True, exist_ok=True)
    manifest = {}
    for name, rules, overrides in VARIANTS:
        params = copy.deepcopy(BASE)
        unknown = set(overrides) - set(params)
        assert not unknown, unknown
        params.update(overrides)
        build(params, out / name)
        manifest[name] = rules
    (out / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=2) + "\n",
                                       encoding="utf-8")
    print(f"wrote {len(manifest)} documents and manifest.json to {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
