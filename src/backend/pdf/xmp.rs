//! The XMP metadata packet of the catalog (ISO 32000-1 §14.3.2): the information
//! dictionary's title, author, subject and dates again, with the text's language, in the
//! form archives and PDF/A tools read.

use crate::xml::escape;

/// "D:20250926000000+00'00'" as "2025-09-26T00:00:00+00:00".
fn iso_date(pdf: &str) -> String {
    let d = pdf.strip_prefix("D:").unwrap_or(pdf);
    let part = |a: usize, b: usize| d.get(a..b).unwrap_or("00");
    format!(
        "{}-{}-{}T{}:{}:{}+00:00",
        d.get(0..4).unwrap_or("1970"),
        part(4, 6),
        part(6, 8),
        part(8, 10),
        part(10, 12),
        part(12, 14)
    )
}

/// The packet for a document of `title`, `author` and `subject` (each on one line), dated
/// `date` (a PDF date); `pdfa` adds the PDF/A-2b identification (ISO 19005-2 §6.6.4).
pub fn packet(title: &str, author: &str, subject: &str, date: &str, pdfa: bool) -> Vec<u8> {
    let date = iso_date(date);
    let alt = |v: &str| {
        format!(
            r#"<rdf:Alt><rdf:li xml:lang="x-default">{}</rdf:li></rdf:Alt>"#,
            escape(v)
        )
    };
    format!(
        concat!(
            "<?xpacket begin=\"\u{feff}\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n",
            r#"<x:xmpmeta xmlns:x="adobe:ns:meta/">"#,
            r#"<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">"#,
            r#"<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/" "#,
            r#"xmlns:xmp="http://ns.adobe.com/xap/1.0/" xmlns:pdf="http://ns.adobe.com/pdf/1.3/">"#,
            "<dc:format>application/pdf</dc:format>",
            "<dc:title>{title}</dc:title>",
            "<dc:creator><rdf:Seq><rdf:li>{author}</rdf:li></rdf:Seq></dc:creator>",
            "<dc:description>{subject}</dc:description>",
            "<dc:language><rdf:Bag><rdf:li>vi-VN</rdf:li></rdf:Bag></dc:language>",
            "<xmp:CreateDate>{date}</xmp:CreateDate>",
            "<xmp:ModifyDate>{date}</xmp:ModifyDate>",
            "<xmp:MetadataDate>{date}</xmp:MetadataDate>",
            "<xmp:CreatorTool>vanban</xmp:CreatorTool>",
            "<pdf:Producer>vanban</pdf:Producer>",
            "</rdf:Description>{pdfaid}</rdf:RDF></x:xmpmeta>\n",
            "<?xpacket end=\"w\"?>"
        ),
        title = alt(title),
        author = escape(author),
        subject = alt(subject),
        date = date,
        pdfaid = if pdfa {
            concat!(
                r#"<rdf:Description rdf:about="" xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/">"#,
                "<pdfaid:part>2</pdfaid:part><pdfaid:conformance>B</pdfaid:conformance>",
                "</rdf:Description>"
            )
        } else {
            ""
        },
    )
    .into_bytes()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn packet_is_well_formed_and_escaped() {
        let p = packet(
            "Báo cáo <1> & \"2\"",
            "SỞ TƯ PHÁP",
            "Kết quả",
            "D:20250926000000+00'00'",
            false,
        );
        let text = String::from_utf8(p).unwrap();
        let start = text.find("<x:xmpmeta").unwrap();
        let end = text.find("</x:xmpmeta>").unwrap() + "</x:xmpmeta>".len();
        let doc = roxmltree::Document::parse(&text[start..end]).unwrap();
        let title: String = doc
            .descendants()
            .filter(|n| n.has_tag_name("li"))
            .filter_map(|n| n.text())
            .collect::<Vec<_>>()
            .join("|");
        assert!(
            title.starts_with("Báo cáo <1> & \"2\"|SỞ TƯ PHÁP|Kết quả|vi-VN"),
            "{title}"
        );
        assert!(text.contains("<xmp:CreateDate>2025-09-26T00:00:00+00:00</xmp:CreateDate>"));
    }
}
