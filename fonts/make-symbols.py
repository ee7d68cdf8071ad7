#!/usr/bin/env python3
"""Build fonts/VanbanSymbols-Regular.ttf, the fallback face for symbols that Liberation
Serif lacks, from three OFL fonts of Debian's fonts-noto-core (20201225-1):
NotoSansSymbols2-Regular.ttf, NotoSansSymbols-Regular.ttf and NotoSansMath-Regular.ttf.

Usage: python3 make-symbols.py NOTO_DIR OUT.ttf     (needs fonttools, pip install fonttools)

Each code point of the ranges below is taken from the first of the three fonts that has
it (the order depends on the block, see PRIORITY); the three subsets, without hinting and
without OpenType layout tables (printpdf does no shaping), are merged into one font
renamed "Vanban Symbols", with the original copyright notices and the OFL kept.
"""
import sys
from fontTools.ttLib import TTFont
from fontTools import subset
from fontTools.merge import Merger

SYMBOLS2 = "NotoSansSymbols2-Regular.ttf"
SYMBOLS = "NotoSansSymbols-Regular.ttf"
MATH = "NotoSansMath-Regular.ttf"

# Letterlike symbols, number forms, arrows, mathematical operators, miscellaneous
# technical, enclosed alphanumerics (①–⑳, ⓐ …), geometric shapes, miscellaneous symbols
# (☐ ☑ ☒ ★ …), dingbats (✓ ✔ ✗ ✘ ❶ …), miscellaneous mathematical symbols A and
# supplemental arrows A (⟶); plus what the three fonts have of general punctuation,
# super- and subscripts and currency symbols. Left out to keep the file small: the
# supplemental arrows B, mathematical blocks B and supplemental operators, miscellaneous
# symbols and arrows (U+2900–U+2BFF), Braille and control pictures.
RANGES = [
    (0x2000, 0x20CF),
    (0x2100, 0x23FF),
    (0x2460, 0x27FF),
]


def priority(cp):
    mathy = (
        0x2100 <= cp <= 0x214F
        or 0x2190 <= cp <= 0x22FF
        or 0x27C0 <= cp <= 0x27FF
    )
    return [MATH, SYMBOLS2, SYMBOLS] if mathy else [SYMBOLS2, SYMBOLS, MATH]


def main(noto_dir, out):
    cmaps = {n: TTFont(f"{noto_dir}/{n}").getBestCmap() for n in (SYMBOLS2, SYMBOLS, MATH)}
    wanted = {n: [] for n in cmaps}
    for a, b in RANGES:
        for cp in range(a, b + 1):
            for n in priority(cp):
                if cp in cmaps[n]:
                    wanted[n].append(cp)
                    break
    parts = []
    for n, cps in wanted.items():
        opts = subset.Options()
        opts.hinting = False
        opts.layout_features = []
        opts.drop_tables += ["DSIG", "GDEF", "GPOS", "GSUB", "MATH", "gasp"]
        opts.name_IDs = ["*"]
        opts.notdef_outline = True
        opts.glyph_names = False
        font = TTFont(f"{noto_dir}/{n}")
        s = subset.Subsetter(opts)
        s.populate(unicodes=cps)
        s.subset(font)
        path = f"{out}.{n}"
        font.save(path)
        parts.append(path)
        print(f"{n}: {len(cps)} code points", file=sys.stderr)
    merged = Merger().merge(parts)
    copyrights = []
    for n in cmaps:
        c = TTFont(f"{noto_dir}/{n}")["name"].getDebugName(0)
        copyrights.append(f"{c} ({n[:-4]})")
    name = merged["name"]
    name.names = []
    ids = {
        0: "; ".join(copyrights),
        1: "Vanban Symbols",
        2: "Regular",
        3: "VanbanSymbols-Regular 1.0 (subset of Noto Sans Symbols, Symbols2, Math)",
        4: "Vanban Symbols Regular",
        5: "Version 1.0",
        6: "VanbanSymbols-Regular",
        13: "This Font Software is licensed under the SIL Open Font License, Version 1.1.",
        14: "https://openfontlicense.org",
    }
    for i, v in ids.items():
        name.setName(v, i, 3, 1, 0x409)
        name.setName(v, i, 1, 0, 0)
    # Reproducible output: fixed timestamps.
    merged.recalcTimestamp = False
    merged["head"].created = merged["head"].modified = 0x7C259DC0  # 2020-12-25
    import os
    for p in parts:
        os.remove(p)
    merged.save(out, reorderTables=True)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
