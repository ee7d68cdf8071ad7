use super::*;

fn body(xml: &str) -> Result<Vec<MBlock>, Error> {
    parse(&format!("<vanban><body>\n{xml}</body></vanban>")).map(|m| m.body)
}

fn text(s: &str) -> MInline {
    MInline::Text(Run {
        text: s.to_string(),
        ..Run::default()
    })
}

#[test]
fn parses_blocks_and_inlines() {
    let m = parse(
        r#"<vanban><body>
        <sec><h>A</h><p>x <b>y</b><fn>note</fn></p></sec><dashes><li>d</li></dashes>
        </body><annex id="a" orientation="landscape"><title>T</title><p>z</p></annex></vanban>"#,
    )
    .unwrap();
    assert_eq!(m.body.len(), 2);
    let MBlock::Section {
        heading: Some(h),
        blocks,
    } = &m.body[0]
    else {
        panic!("{:?}", m.body[0])
    };
    assert_eq!(h, &vec![text("A")]);
    let MBlock::Para { content, .. } = &blocks[0] else {
        panic!()
    };
    assert_eq!(content.len(), 3);
    assert!(matches!(&content[1], MInline::Text(r) if r.bold && r.text == "y"));
    assert_eq!(content[2], MInline::Footnote(vec![text("note")]));
    assert_eq!(
        m.body[1],
        MBlock::Dashes(vec![MDash::Entry(vec![text("d")])])
    );
    assert_eq!(m.annexes[0].orientation, Orientation::Landscape);
    assert_eq!(m.annexes[0].titles, vec!["T".to_string()]);
    assert_eq!(m.annexes[0].id.as_deref(), Some("a"));
}

#[test]
fn containers_hold_their_content() {
    let b = body(
        "<item><li>one</li><sec><p>x</p></sec></item>\
         <part><h>P</h><article><h>A</h><dashes><li>d</li><dashes><li>e</li></dashes>\
         <pagebreak/></dashes></article></part>",
    )
    .unwrap();
    assert_eq!(
        b,
        vec![
            MBlock::Item {
                content: vec![text("one")],
                blocks: vec![MBlock::Section {
                    heading: None,
                    blocks: vec![MBlock::Para {
                        content: vec![text("x")],
                        align: None,
                        indent: None
                    }],
                }],
            },
            MBlock::Part {
                title: vec![text("P")],
                blocks: vec![MBlock::Article {
                    content: vec![text("A")],
                    blocks: vec![MBlock::Dashes(vec![
                        MDash::Entry(vec![text("d")]),
                        MDash::List(vec![MDash::Entry(vec![text("e")])]),
                        MDash::PageBreak,
                    ])],
                }],
            },
        ]
    );
}

#[test]
fn heading_lines_only_open_their_container() {
    for (xml, part) in [
        ("<h>x</h>", "<h> chỉ đứng đầu"),
        ("<sec><p>a</p><h>x</h></sec>", "<h> chỉ đứng đầu"),
        ("<li>x</li>", "<li> chỉ đứng đầu"),
        ("<item><p>a</p></item>", "<item> phải bắt đầu bằng <li>"),
        ("<part><p>a</p></part>", "<part> phải bắt đầu bằng <h>"),
        ("<article></article>", "<article> phải bắt đầu bằng <h>"),
        ("<dashes><p>a</p></dashes>", "không hợp lệ trong <dashes>"),
    ] {
        let e = body(xml).unwrap_err();
        assert!(e.message.contains(part), "{xml}: {}", e.message);
        assert_eq!(e.pos.map(|p| p.line), Some(2), "{xml}");
        assert!(!e.message.contains("level"), "{xml}: {}", e.message);
    }
    // Markup written with levels, as before compose assigned them, is told how to nest.
    for xml in [r#"<h level="1">x</h>"#, r#"<li mark="-">x</li>"#] {
        let e = body(xml).unwrap_err();
        assert!(
            e.message.contains("không dùng thuộc tính level"),
            "{}",
            e.message
        );
    }
}

#[test]
fn annex_references_name_an_annex() {
    let doc = |refs: &str, annexes: &str| {
        parse(&format!(
            "<vanban><body>\n<p>{refs}</p></body>\n{annexes}</vanban>"
        ))
    };
    let m = doc(
        r#"tại <b><annexref to="b"/></b> và <fn>xem <annexref to="a"/></fn>"#,
        r#"<annex id="a"><title>A</title></annex><annex id="b"><title>B</title></annex>"#,
    )
    .unwrap();
    let MBlock::Para { content, .. } = &m.body[0] else {
        panic!()
    };
    let bold = Run {
        bold: true,
        ..Run::default()
    };
    assert_eq!(
        content[1],
        MInline::AnnexRef {
            to: "b".into(),
            style: bold
        }
    );
    assert_eq!(
        content[3],
        MInline::Footnote(vec![
            text("xem "),
            MInline::AnnexRef {
                to: "a".into(),
                style: Run::default()
            }
        ])
    );
    for (refs, annexes, part, line) in [
        (
            r#"<annexref to="c"/>"#,
            r#"<annex id="a"></annex>"#,
            "to=\"c\"",
            2,
        ),
        (r#"<annexref/>"#, r#"<annex id="a"></annex>"#, "thiếu", 2),
        (
            "",
            r#"<annex id="a"></annex><annex id="a"></annex>"#,
            "hai phụ lục cùng mã",
            3,
        ),
    ] {
        let e = doc(refs, annexes).unwrap_err();
        assert!(e.message.contains(part), "{refs}: {}", e.message);
        assert_eq!(e.pos.map(|p| p.line), Some(line), "{refs}");
    }
}

#[test]
fn nesting_is_bounded() {
    let nested = |n: usize, open: &str, close: &str| {
        format!(
            "<vanban><body>{}<p>x</p>{}</body></vanban>",
            open.repeat(n),
            close.repeat(n)
        )
    };
    // <vanban>, <body> and <p> are three levels.
    assert!(parse(&nested(MAX_DEPTH - 3, "<sec>", "</sec>")).is_ok());
    let e = parse(&nested(MAX_DEPTH - 2, "<sec>", "</sec>")).unwrap_err();
    assert!(e.message.contains("lồng nhau quá 100 cấp"), "{}", e.message);
    // What only looks like a start tag does not count: comments, empty elements, a ">"
    // in an attribute value.
    let lookalikes = format!(
        "<vanban><body>{}<p>x</p></body></vanban>",
        "<!-- <sec> --><pagebreak/><table widths=\"5\" size=\"12\"/>".repeat(200)
    );
    assert!(parse(&lookalikes).is_ok());
    assert!(
        parse(&format!(
            "<vanban><body>{}<p a=\"/>\">x</p></body></vanban>",
            "<!-- <b> -->".repeat(200)
        ))
        .is_ok()
    );
    // Far deeper than any stack could walk: refused before anything recurses.
    for (open, close) in [
        ("<sec>", "</sec>"),
        ("<b>", "</b>"),
        ("<dashes>", "</dashes>"),
    ] {
        let deep = format!(
            "<vanban><body><p>{}x{}</p></body></vanban>",
            open.repeat(200_000),
            close.repeat(200_000)
        );
        assert!(parse(&deep).is_err(), "{open}");
    }
}

#[test]
fn reports_position_of_bad_markup() {
    let e = parse("<vanban>\n<body><p>x</body></vanban>").unwrap_err();
    assert_eq!(e.pos.unwrap().line, 2);
}

#[test]
fn table_layout_numbers_are_range_checked() {
    let table =
        |attrs: &str, cells: &str| body(&format!("<table {attrs}><tr>{cells}</tr></table>"));
    let ok = table(r#"widths="5,40" size="12""#, "<td>a</td>").unwrap();
    let MBlock::Table(t) = &ok[0] else { panic!() };
    assert_eq!((t.widths.clone(), t.size), (vec![5.0, 40.0], Some(12.0)));
    for (attrs, part) in [
        (r#"widths="5,NaN""#, "widths"),
        (r#"widths="5,inf""#, "widths"),
        (r#"widths="5,-1""#, "widths"),
        (r#"widths="5,x""#, "không phải là số"),
        (r#"widths="5" size="1e30""#, "size"),
        (r#"widths="5" size="1000""#, "từ 10 đến 14"),
        (r#"widths="5" size="-3""#, "size"),
    ] {
        let e = table(attrs, "<td>a</td>").unwrap_err();
        assert!(e.message.contains(part), "{attrs}: {}", e.message);
        assert_eq!(e.pos.map(|p| p.line), Some(2), "{attrs}");
    }
    // Spans that add up past usize are refused, not overflowed.
    let huge = format!(
        r#"<td colspan="{}">a</td><td colspan="{}">b</td>"#,
        usize::MAX,
        usize::MAX
    );
    assert!(table(r#"widths="5""#, &huge).is_err());
}
