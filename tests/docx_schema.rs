//! Schema order in the WordprocessingML parts: the children of every property element
//! (`CT_PPr`, `CT_RPr`, `CT_TblPr`, `CT_TcPr`, `CT_SectPr`, borders and margins) appear in the
//! sequence ECMA-376 defines. Word repairs or silently drops out-of-order children (a font
//! after the size may be ignored) and Word for the web may refuse the file. Checked on the
//! shared sample IR and on two rendered examples.

use crate::common;

use std::io::{Cursor, Read};

use common::sample::sample;
use vanban::backend::docx::write_docx;

const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

/// (container, child sequence) of the schema, for the containers vanban writes.
const ORDERS: &[(&str, &[&str])] = &[
    (
        "rPr",
        &[
            "rStyle",
            "rFonts",
            "b",
            "bCs",
            "i",
            "iCs",
            "caps",
            "smallCaps",
            "strike",
            "dstrike",
            "outline",
            "shadow",
            "emboss",
            "imprint",
            "noProof",
            "snapToGrid",
            "vanish",
            "webHidden",
            "color",
            "spacing",
            "w",
            "kern",
            "position",
            "sz",
            "szCs",
            "highlight",
            "u",
            "effect",
            "bdr",
            "shd",
            "fitText",
            "vertAlign",
            "rtl",
            "cs",
            "em",
            "lang",
            "eastAsianLayout",
            "specVanish",
            "oMath",
        ],
    ),
    (
        "pPr",
        &[
            "pStyle",
            "keepNext",
            "keepLines",
            "pageBreakBefore",
            "framePr",
            "widowControl",
            "numPr",
            "suppressLineNumbers",
            "pBdr",
            "shd",
            "tabs",
            "suppressAutoHyphens",
            "kinsoku",
            "wordWrap",
            "overflowPunct",
            "topLinePunct",
            "autoSpaceDE",
            "autoSpaceDN",
            "bidi",
            "adjustRightInd",
            "snapToGrid",
            "spacing",
            "ind",
            "contextualSpacing",
            "mirrorIndents",
            "suppressOverlap",
            "jc",
            "textDirection",
            "textAlignment",
            "textboxTightWrap",
            "outlineLvl",
            "divId",
            "cnfStyle",
            "rPr",
            "sectPr",
            "pPrChange",
        ],
    ),
    (
        "pBdr",
        &["top", "left", "bottom", "right", "between", "bar"],
    ),
    (
        "tblPr",
        &[
            "tblStyle",
            "tblpPr",
            "tblOverlap",
            "bidiVisual",
            "tblStyleRowBandSize",
            "tblStyleColBandSize",
            "tblW",
            "jc",
            "tblCellSpacing",
            "tblInd",
            "tblBorders",
            "shd",
            "tblLayout",
            "tblCellMar",
            "tblLook",
        ],
    ),
    (
        "tblBorders",
        &[
            "top", "left", "start", "bottom", "right", "end", "insideH", "insideV",
        ],
    ),
    (
        "tblCellMar",
        &["top", "left", "start", "bottom", "right", "end"],
    ),
    (
        "tcPr",
        &[
            "cnfStyle",
            "tcW",
            "gridSpan",
            "hMerge",
            "vMerge",
            "tcBorders",
            "shd",
            "noWrap",
            "tcMar",
            "textDirection",
            "tcFitText",
            "vAlign",
            "hideMark",
        ],
    ),
    (
        "tcBorders",
        &[
            "top", "left", "start", "bottom", "right", "end", "insideH", "insideV", "tl2br",
            "tr2bl",
        ],
    ),
    (
        "sectPr",
        &[
            "headerReference",
            "footerReference",
            "footnotePr",
            "endnotePr",
            "type",
            "pgSz",
            "pgMar",
            "paperSrc",
            "pgBorders",
            "lnNumType",
            "pgNumType",
            "cols",
            "formProt",
            "vAlign",
            "noEndnote",
            "titlePg",
            "textDirection",
            "bidi",
            "rtlGutter",
            "docGrid",
            "printerSettings",
            "sectPrChange",
        ],
    ),
    (
        "settings",
        &[
            "writeProtection",
            "view",
            "zoom",
            "removePersonalInformation",
            "removeDateAndTime",
            "doNotDisplayPageBoundaries",
            "displayBackgroundShape",
            "printPostScriptOverText",
            "printFractionalCharacterWidth",
            "printFormsData",
            "embedTrueTypeFonts",
            "embedSystemFonts",
            "saveSubsetFonts",
            "saveFormsData",
            "mirrorMargins",
            "alignBordersAndEdges",
            "bordersDoNotSurroundHeader",
            "bordersDoNotSurroundFooter",
            "gutterAtTop",
            "hideSpellingErrors",
            "hideGrammaticalErrors",
            "activeWritingStyle",
            "proofState",
            "formsDesign",
            "attachedTemplate",
            "linkStyles",
            "stylePaneFormatFilter",
            "stylePaneSortMethod",
            "documentType",
            "mailMerge",
            "revisionView",
            "trackRevisions",
            "doNotTrackMoves",
            "doNotTrackFormatting",
            "documentProtection",
            "autoFormatOverride",
            "styleLockTheme",
            "styleLockQFSet",
            "defaultTabStop",
            "autoHyphenation",
            "consecutiveHyphenLimit",
            "hyphenationZone",
            "doNotHyphenateCaps",
            "showEnvelope",
            "summaryLength",
            "clickAndTypeStyle",
            "defaultTableStyle",
            "evenAndOddHeaders",
            "bookFoldRevPrinting",
            "bookFoldPrinting",
            "bookFoldPrintingSheets",
            "drawingGridHorizontalSpacing",
            "drawingGridVerticalSpacing",
            "displayHorizontalDrawingGridEvery",
            "displayVerticalDrawingGridEvery",
            "doNotUseMarginsForDrawingGridOrigin",
            "drawingGridHorizontalOrigin",
            "drawingGridVerticalOrigin",
            "doNotShadeFormData",
            "noPunctuationKerning",
            "characterSpacingControl",
            "printTwoOnOne",
            "strictFirstAndLastChars",
            "noLineBreaksAfter",
            "noLineBreaksBefore",
            "savePreviewPicture",
            "doNotValidateAgainstSchema",
            "saveInvalidXml",
            "ignoreMixedContent",
            "alwaysShowPlaceholderText",
            "doNotDemarcateInvalidXml",
            "saveXmlDataOnly",
            "useXSLTWhenSaving",
            "saveThroughXslt",
            "showXMLTags",
            "alwaysMergeEmptyNamespace",
            "updateFields",
            "hdrShapeDefaults",
            "footnotePr",
            "endnotePr",
            "compat",
            "docVars",
            "rsids",
        ],
    ),
    (
        "compat",
        &[
            "useSingleBorderforContiguousCells",
            "wpJustification",
            "noTabHangInd",
            "noLeading",
            "spaceForUL",
            "noColumnBalance",
            "balanceSingleByteDoubleByteWidth",
            "noExtraLineSpacing",
            "doNotLeaveBackslashAlone",
            "ulTrailSpace",
            "doNotExpandShiftReturn",
            "spacingInWholePoints",
            "lineWrapLikeWord6",
            "printBodyTextBeforeHeader",
            "printColBlack",
            "wpSpaceWidth",
            "showBreaksInFrames",
            "subFontBySize",
            "suppressBottomSpacing",
            "suppressTopSpacing",
            "suppressSpacingAtTopOfPage",
            "suppressTopSpacingWP",
            "suppressSpBfAfterPgBrk",
            "swapBordersFacingPages",
            "convMailMergeEsc",
            "truncateFontHeightsLikeWP6",
            "mwSmallCaps",
            "usePrinterMetrics",
            "doNotSuppressParagraphBorders",
            "wrapTrailSpaces",
            "footnoteLayoutLikeWW8",
            "shapeLayoutLikeWW8",
            "alignTablesRowByRow",
            "forgetLastTabAlignment",
            "adjustLineHeightInTable",
            "autoSpaceLikeWord95",
            "noSpaceRaiseLower",
            "doNotUseHTMLParagraphAutoSpacing",
            "layoutRawTableWidth",
            "layoutTableRowsApart",
            "useWord97LineBreakRules",
            "doNotBreakWrappedTables",
            "doNotSnapToGridInCell",
            "selectFldWithFirstOrLastChar",
            "applyBreakingRules",
            "doNotWrapTextWithPunct",
            "doNotUseEastAsianBreakRules",
            "useWord2002TableStyleRules",
            "growAutofit",
            "useFELayout",
            "useNormalStyleForList",
            "doNotUseIndentAsNumberingTabStop",
            "useAltKinsokuLineBreakRules",
            "allowSpaceOfSameStyleInTable",
            "doNotSuppressIndentation",
            "doNotAutofitConstrainedTables",
            "autofitToFirstFixedWidthCell",
            "underlineTabInNumList",
            "displayHangulFixedWidth",
            "splitPgBreakAndParaMark",
            "doNotVertAlignCellWithSp",
            "doNotBreakConstrainedForcedTable",
            "doNotVertAlignInTxbx",
            "useAnsiKerningPairs",
            "cachedColBandAlign",
            "compatSetting",
        ],
    ),
    ("tbl", &["tblPr", "tblGrid", "tr"]),
    ("tr", &["trPr", "tc"]),
    ("tc", &["tcPr", "p"]),
];

/// Every WordprocessingML XML part of a package.
fn word_parts(docx: &[u8]) -> Vec<(String, String)> {
    let mut z = zip::ZipArchive::new(Cursor::new(docx)).expect("valid zip");
    let mut out = Vec::new();
    for i in 0..z.len() {
        let mut f = z.by_index(i).unwrap();
        let name = f.name().to_string();
        if name.starts_with("word/") && name.ends_with(".xml") {
            let mut s = String::new();
            f.read_to_string(&mut s).unwrap();
            out.push((name, s));
        }
    }
    out
}

/// Out-of-order or unknown children of the known containers, as readable lines.
fn order_errors(part: &str, xml: &str) -> (usize, Vec<String>) {
    let doc = roxmltree::Document::parse(xml).unwrap_or_else(|e| panic!("{part}: {e}"));
    let mut checked = 0;
    let mut errors = Vec::new();
    for node in doc.descendants().filter(|n| n.is_element()) {
        let name = node.tag_name();
        if name.namespace() != Some(W) {
            continue;
        }
        let Some((_, order)) = ORDERS.iter().find(|(c, _)| *c == name.name()) else {
            continue;
        };
        checked += 1;
        let mut last = 0;
        for child in node.children().filter(|c| c.is_element()) {
            let child_name = child.tag_name().name();
            match order.iter().position(|o| *o == child_name) {
                None => errors.push(format!("{part}: <{}> in <{}>", child_name, name.name())),
                Some(rank) if rank < last => errors.push(format!(
                    "{part}: <{}> after <{}> in <{}>",
                    child_name,
                    order[last],
                    name.name()
                )),
                Some(rank) => last = rank,
            }
        }
    }
    (checked, errors)
}

fn assert_schema_order(docx: &[u8], what: &str) {
    let mut checked = 0;
    let mut errors = Vec::new();
    for (name, xml) in word_parts(docx) {
        let (n, e) = order_errors(&name, &xml);
        checked += n;
        errors.extend(e);
    }
    // The check has to have looked at something: every kind of container is there.
    assert!(checked > 100, "{what}: only {checked} containers");
    assert!(errors.is_empty(), "{what}:\n{}", errors.join("\n"));
}

#[test]
fn the_checker_sees_disorder() {
    let xml = format!(
        r#"<w:document xmlns:w="{W}"><w:p><w:pPr><w:jc w:val="both"/><w:keepNext/><w:rPr><w:sz w:val="2"/><w:rFonts/></w:rPr></w:pPr></w:p></w:document>"#
    );
    let (checked, errors) = order_errors("test", &xml);
    assert_eq!(checked, 2);
    assert_eq!(
        errors,
        [
            "test: <keepNext> after <jc> in <pPr>",
            "test: <rFonts> after <sz> in <rPr>"
        ]
    );
}

#[test]
fn sample_parts_are_in_schema_order() {
    assert_schema_order(&write_docx(&sample()).expect("docx"), "sample");
}

#[test]
fn example_parts_are_in_schema_order() {
    for yaml in [
        "data/examples/bao-cao-thang.yaml",
        "data/examples/cong-van.yaml",
    ] {
        let (_dir, stem) = common::render(yaml, "docx");
        let bytes = std::fs::read(stem.with_extension("docx")).unwrap();
        assert_schema_order(&bytes, yaml);
    }
}
