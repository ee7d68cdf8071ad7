//! Run and paragraph properties resolved the way Word resolves them: direct formatting,
//! then the character style chain, then the paragraph style chain, then the document
//! defaults; theme fonts name the theme's major or minor Latin face.

use std::collections::HashMap;

use roxmltree::Node;

use super::{W, attr, child, on_off, twips_attr};

/// Character properties, each `None` where this level does not set it.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct RunProps {
    pub font: Option<String>,
    /// Half-points.
    pub size: Option<u32>,
    pub bold: Option<bool>,
    pub italic: Option<bool>,
    pub caps: Option<bool>,
}

impl RunProps {
    /// Reads a `w:rPr`; `theme` resolves `w:asciiTheme`.
    pub fn read(rpr: Node, theme: &Theme) -> RunProps {
        let font = child(rpr, "rFonts").and_then(|f| {
            attr(f, "ascii")
                .or_else(|| attr(f, "hAnsi"))
                .map(str::to_string)
                .or_else(|| {
                    attr(f, "asciiTheme")
                        .or_else(|| attr(f, "hAnsiTheme"))
                        .map(|t| theme.face(t))
                })
        });
        RunProps {
            font,
            size: child(rpr, "sz").and_then(|s| attr(s, "val")?.parse().ok()),
            bold: child(rpr, "b").map(on_off),
            italic: child(rpr, "i").map(on_off),
            caps: child(rpr, "caps").map(on_off),
        }
    }

    /// Fills what `self` leaves unset from `lower` (a lower level of the chain).
    pub fn or(mut self, lower: &RunProps) -> RunProps {
        self.font = self.font.or_else(|| lower.font.clone());
        self.size = self.size.or(lower.size);
        self.bold = self.bold.or(lower.bold);
        self.italic = self.italic.or(lower.italic);
        self.caps = self.caps.or(lower.caps);
        self
    }
}

/// Paragraph properties in twips, each `None` where this level does not set it.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ParaProps {
    pub jc: Option<String>,
    pub left: Option<i32>,
    pub right: Option<i32>,
    /// Positive: first-line indent; negative: hanging.
    pub first_line: Option<i32>,
    /// `(w:line, w:lineRule)`.
    pub line: Option<(i32, String)>,
    pub before: Option<i32>,
    pub after: Option<i32>,
}

impl ParaProps {
    pub fn read(ppr: Node) -> ParaProps {
        let ind = child(ppr, "ind");
        let spacing = child(ppr, "spacing");
        let first_line = ind.and_then(|i| {
            twips_attr(i, "hanging")
                .map(|h| -h)
                .or_else(|| twips_attr(i, "firstLine"))
        });
        ParaProps {
            jc: child(ppr, "jc")
                .and_then(|j| attr(j, "val"))
                .map(str::to_string),
            left: ind.and_then(|i| twips_attr(i, "left").or_else(|| twips_attr(i, "start"))),
            right: ind.and_then(|i| twips_attr(i, "right").or_else(|| twips_attr(i, "end"))),
            first_line,
            line: spacing.and_then(|s| {
                let line = twips_attr(s, "line")?;
                Some((line, attr(s, "lineRule").unwrap_or("auto").to_string()))
            }),
            before: spacing.and_then(|s| twips_attr(s, "before")),
            after: spacing.and_then(|s| twips_attr(s, "after")),
        }
    }

    pub fn or(mut self, lower: &ParaProps) -> ParaProps {
        self.jc = self.jc.or_else(|| lower.jc.clone());
        self.left = self.left.or(lower.left);
        self.right = self.right.or(lower.right);
        self.first_line = self.first_line.or(lower.first_line);
        self.line = self.line.or_else(|| lower.line.clone());
        self.before = self.before.or(lower.before);
        self.after = self.after.or(lower.after);
        self
    }
}

/// The theme's Latin faces (theme1.xml), for `asciiTheme="minorHAnsi"` and the like.
#[derive(Debug, Clone, Default)]
pub struct Theme {
    pub major: Option<String>,
    pub minor: Option<String>,
}

impl Theme {
    pub fn read(xml: Option<&str>) -> Theme {
        let Some(doc) = xml.and_then(|x| roxmltree::Document::parse(x).ok()) else {
            return Theme::default();
        };
        let latin = |name: &str| {
            doc.descendants()
                .find(|n| n.tag_name().name() == name)
                .and_then(|n| n.children().find(|c| c.tag_name().name() == "latin"))
                .and_then(|l| l.attribute("typeface"))
                .map(str::to_string)
        };
        Theme {
            major: latin("majorFont"),
            minor: latin("minorFont"),
        }
    }

    /// The face a theme slot names ("majorHAnsi" → the major Latin face).
    pub fn face(&self, slot: &str) -> String {
        let face = if slot.starts_with("major") {
            &self.major
        } else {
            &self.minor
        };
        face.clone()
            .unwrap_or_else(|| format!("(phông chủ đề {slot})"))
    }
}

#[derive(Debug, Clone, Default)]
struct Style {
    based_on: Option<String>,
    run: RunProps,
    para: ParaProps,
}

/// styles.xml resolved enough to answer "what font, size, weight and spacing does this
/// paragraph or run end up with".
#[derive(Debug, Clone, Default)]
pub struct Styles {
    default_run: RunProps,
    default_para: ParaProps,
    styles: HashMap<String, Style>,
    /// The paragraph style of paragraphs that name none.
    pub default_para_style: Option<String>,
    pub theme: Theme,
}

impl Styles {
    pub fn read(xml: Option<&str>, theme: Theme) -> Styles {
        let mut s = Styles {
            theme,
            ..Styles::default()
        };
        let Some(doc) = xml.and_then(|x| roxmltree::Document::parse(x).ok()) else {
            return s;
        };
        let root = doc.root_element();
        if let Some(d) = child(root, "docDefaults") {
            if let Some(r) = child(d, "rPrDefault").and_then(|r| child(r, "rPr")) {
                s.default_run = RunProps::read(r, &s.theme);
            }
            if let Some(p) = child(d, "pPrDefault").and_then(|p| child(p, "pPr")) {
                s.default_para = ParaProps::read(p);
            }
        }
        for st in root.children().filter(|n| n.has_tag_name((W, "style"))) {
            let Some(id) = attr(st, "styleId") else {
                continue;
            };
            if attr(st, "type") == Some("paragraph")
                && attr(st, "default").is_some_and(|d| d == "1" || d == "true")
            {
                s.default_para_style = Some(id.to_string());
            }
            let style = Style {
                based_on: child(st, "basedOn")
                    .and_then(|b| attr(b, "val"))
                    .map(str::to_string),
                run: child(st, "rPr")
                    .map(|r| RunProps::read(r, &s.theme))
                    .unwrap_or_default(),
                para: child(st, "pPr").map(ParaProps::read).unwrap_or_default(),
            };
            s.styles.insert(id.to_string(), style);
        }
        s
    }

    /// The chain of a style and those it is based on (at most 16 deep: a cycle stops).
    fn chain<'a>(&'a self, id: Option<&'a str>) -> impl Iterator<Item = &'a Style> + 'a {
        let mut next = id;
        std::iter::from_fn(move || {
            let st = self.styles.get(next?)?;
            next = st.based_on.as_deref();
            Some(st)
        })
        .take(16)
    }

    /// The run properties of a style chain, without the defaults.
    pub fn style_run(&self, id: Option<&str>) -> RunProps {
        self.chain(id)
            .fold(RunProps::default(), |acc, st| acc.or(&st.run))
    }

    /// A run's properties: direct, character style, paragraph style, defaults.
    pub fn run(
        &self,
        direct: RunProps,
        char_style: Option<&str>,
        para_style: Option<&str>,
    ) -> RunProps {
        let para_style = para_style.or(self.default_para_style.as_deref());
        direct
            .or(&self.style_run(char_style))
            .or(&self.style_run(para_style))
            .or(&self.default_run)
    }

    /// A paragraph's properties: direct, paragraph style chain, defaults.
    pub fn para(&self, direct: ParaProps, para_style: Option<&str>) -> ParaProps {
        let para_style = para_style.or(self.default_para_style.as_deref());
        let styled = self
            .chain(para_style)
            .fold(ParaProps::default(), |acc, st| acc.or(&st.para));
        direct.or(&styled).or(&self.default_para)
    }
}
