//! Drawing A4 pages: the embedded PT Sans (parsed once per process, subset by krilla in each PDF),
//! text measured with the font's own advances and wrapped to a width, boxes, rules, QR codes and
//! links. A document is laid out into `Sheet`s of drawing operations first (so it knows its page
//! count), then painted into a krilla document.

use std::sync::LazyLock;

use krilla::Document;
use krilla::action::{Action, LinkAction};
use krilla::annotation::{Annotation, LinkAnnotation, Target};
use krilla::color::rgb;
use krilla::geom::{PathBuilder, Point, Rect, Size as PageSize, Transform};
use krilla::image::{BitsPerComponent, CustomImage, Image, ImageColorspace};
use krilla::num::NormalizedF32;
use krilla::page::PageSettings;
use krilla::paint::{Fill, FillRule, Stroke};
use krilla::text::{Font, GlyphId, KrillaGlyph};
use skrifa::instance::{LocationRef, Size};
use skrifa::metrics::GlyphMetrics;
use skrifa::raw::TableProvider;
use skrifa::{FontRef, MetadataProvider};

/// A4 in points.
pub const PAGE_WIDTH: f32 = 595.28;
pub const PAGE_HEIGHT: f32 = 841.89;
/// The margin on every side.
pub const MARGIN: f32 = 36.0;
/// The width between the margins.
pub const CONTENT_WIDTH: f32 = PAGE_WIDTH - 2.0 * MARGIN;
/// Where the content of a page ends (a footer line sits below).
pub const BOTTOM: f32 = PAGE_HEIGHT - MARGIN - 14.0;

const REGULAR_TTF: &[u8] = include_bytes!("fonts/PTSans-Regular.ttf");
const BOLD_TTF: &[u8] = include_bytes!("fonts/PTSans-Bold.ttf");

/// One face: krilla's font (for the PDF) and skrifa's view of the same bytes (for measuring).
struct Face {
    pdf: Font,
    charmap: skrifa::charmap::Charmap<'static>,
    metrics: GlyphMetrics<'static>,
    units_per_em: f32,
}

impl Face {
    fn load(data: &'static [u8]) -> Result<Self, String> {
        let font = FontRef::new(data).map_err(|e| format!("font: {e}"))?;
        let units_per_em = f32::from(font.head().map_err(|e| format!("font head: {e}"))?.units_per_em());
        let pdf = Font::new(data.into(), 0).ok_or("krilla cannot read the font")?;
        Ok(Self { pdf, charmap: font.charmap(), metrics: font.glyph_metrics(Size::unscaled(), LocationRef::default()), units_per_em })
    }

    /// The glyph of `c` and its advance in ems.
    fn glyph(&self, c: char) -> (skrifa::GlyphId, f32) {
        let id = self.charmap.map(c).unwrap_or_default();
        (id, self.metrics.advance_width(id).unwrap_or(0.0) / self.units_per_em)
    }

    /// Whether the face draws `c` (rather than the empty box of a missing glyph).
    fn has(&self, c: char) -> bool {
        self.charmap.map(c).is_some()
    }
}

struct Faces {
    regular: Face,
    bold: Face,
}

static FACES: LazyLock<Result<Faces, String>> =
    LazyLock::new(|| Ok(Faces { regular: Face::load(REGULAR_TTF)?, bold: Face::load(BOLD_TTF)? }));

fn faces() -> Result<&'static Faces, String> {
    FACES.as_ref().map_err(Clone::clone)
}

/// Regular or bold PT Sans.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Weight {
    Regular,
    Bold,
}

fn face(weight: Weight) -> Result<&'static Face, String> {
    let faces = faces()?;
    Ok(match weight {
        Weight::Regular => &faces.regular,
        Weight::Bold => &faces.bold,
    })
}

/// A text style: weight, size in points, colour.
#[derive(Debug, Clone, Copy)]
pub struct Style {
    pub weight: Weight,
    pub size: f32,
    pub color: (u8, u8, u8),
}

pub const INK: (u8, u8, u8) = (25, 25, 25);
pub const MUTED: (u8, u8, u8) = (90, 90, 90);
pub const ACCENT: (u8, u8, u8) = (20, 60, 110);
pub const SHADE: (u8, u8, u8) = (236, 239, 243);
pub const SHADE_LIGHT: (u8, u8, u8) = (245, 247, 250);
pub const RULE: (u8, u8, u8) = (160, 160, 160);

impl Style {
    pub const fn regular(size: f32) -> Self {
        Self { weight: Weight::Regular, size, color: INK }
    }

    pub const fn bold(size: f32) -> Self {
        Self { weight: Weight::Bold, size, color: INK }
    }

    pub const fn color(self, color: (u8, u8, u8)) -> Self {
        Self { color, ..self }
    }

    /// The distance between baselines.
    pub fn leading(self) -> f32 {
        self.size * 1.25
    }
}

/// The width of `text` in points (a missing face measures nothing; painting reports it).
pub fn width(text: &str, style: Style) -> f32 {
    face(style.weight).map(|f| text.chars().map(|c| f.glyph(c).1).sum::<f32>() * style.size).unwrap_or(0.0)
}

/// `text` broken into lines no wider than `max` (at spaces; a word longer than a line is cut).
pub fn wrap(text: &str, style: Style, max: f32) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in text.split(' ').filter(|w| !w.is_empty()) {
        let candidate = if line.is_empty() { word.to_owned() } else { format!("{line} {word}") };
        if width(&candidate, style) <= max {
            line = candidate;
            continue;
        }
        if !line.is_empty() {
            lines.push(std::mem::take(&mut line));
        }
        for c in word.chars() {
            if !line.is_empty() && width(&format!("{line}{c}"), style) > max {
                lines.push(std::mem::take(&mut line));
            }
            line.push(c);
        }
    }
    if !line.is_empty() || lines.is_empty() {
        lines.push(line);
    }
    lines
}

/// Where a text sits against its x.
#[derive(Debug, Clone, Copy)]
pub enum Align {
    Left,
    Right,
    Center,
}

/// One drawing operation (coordinates from the page's top left, in points).
#[derive(Debug, Clone)]
pub enum Op {
    /// A line of text; `y` is its baseline.
    Text { x: f32, y: f32, text: String, style: Style, align: Align },
    /// A filled rectangle.
    Fill { x: f32, y: f32, w: f32, h: f32, color: (u8, u8, u8) },
    /// A thin line.
    Rule { x1: f32, y1: f32, x2: f32, y2: f32, width: f32, color: (u8, u8, u8) },
    /// A QR code `side` points wide (quiet zone included).
    Qr { x: f32, y: f32, side: f32, modules: usize, dark: Vec<bool> },
    /// A clickable area that opens `url`.
    Link { x: f32, y: f32, w: f32, h: f32, url: String },
}

/// The pages of one document as they are laid out, and where the next block goes.
pub struct Sheet {
    pub pages: Vec<Vec<Op>>,
    /// The top of the free space on the current page.
    pub y: f32,
}

impl Default for Sheet {
    fn default() -> Self {
        Self::new()
    }
}

impl Sheet {
    pub fn new() -> Self {
        Self { pages: vec![Vec::new()], y: MARGIN }
    }

    pub fn push(&mut self, op: Op) {
        if let Some(page) = self.pages.last_mut() {
            page.push(op);
        }
    }

    /// Starts a new page when fewer than `height` points are left on this one.
    pub fn need(&mut self, height: f32) {
        if self.y + height > BOTTOM && !self.pages.last().is_some_and(Vec::is_empty) {
            self.pages.push(Vec::new());
            self.y = MARGIN;
        }
    }

    /// Text at (x, baseline y).
    pub fn text(&mut self, x: f32, y: f32, text: impl Into<String>, style: Style, align: Align) {
        self.push(Op::Text { x, y, text: printable(&text.into(), style.weight), style, align });
    }

    /// `text` wrapped to `max` from (x, top y); returns the height it took.
    pub fn paragraph(&mut self, x: f32, y: f32, text: &str, style: Style, max: f32) -> f32 {
        let lines = wrap(text, style, max);
        for (i, line) in lines.iter().enumerate() {
            self.text(x, y + style.size + i as f32 * style.leading(), line.clone(), style, Align::Left);
        }
        lines.len() as f32 * style.leading()
    }

    pub fn fill(&mut self, x: f32, y: f32, w: f32, h: f32, color: (u8, u8, u8)) {
        self.push(Op::Fill { x, y, w, h, color });
    }

    pub fn rule(&mut self, x1: f32, y1: f32, x2: f32, y2: f32, width: f32) {
        self.push(Op::Rule { x1, y1, x2, y2, width, color: RULE });
    }

    /// The QR code of `payload`, `side` points wide, at (x, y).
    pub fn qr(&mut self, x: f32, y: f32, side: f32, payload: &str) -> Result<(), String> {
        let (modules, dark) = crate::domain::qr::matrix(payload).map_err(|e| format!("QR code: {e}"))?;
        self.push(Op::Qr { x, y, side, modules, dark });
        Ok(())
    }

    pub fn link(&mut self, x: f32, y: f32, w: f32, h: f32, url: &str) {
        self.push(Op::Link { x, y, w, h, url: url.to_owned() });
    }
}

/// `text` with every character PT Sans cannot draw (an emoji in a provider's name) shown as `?`
/// rather than as an empty box.
pub fn printable(text: &str, weight: Weight) -> String {
    match face(weight) {
        Ok(f) => text.chars().map(|c| if f.has(c) { c } else { '?' }).collect(),
        Err(_) => text.to_owned(),
    }
}

/// A QR code as a greyscale image, one pixel a module with the quiet zone, drawn without
/// interpolation: crisp at any scale, and far smaller and quicker than a path of its modules.
#[derive(Hash, Clone)]
struct QrImage {
    side: u32,
    pixels: std::sync::Arc<Vec<u8>>,
}

impl QrImage {
    fn new(modules: usize, dark: &[bool]) -> Self {
        let quiet = crate::domain::qr::QUIET;
        let side = modules + 2 * quiet;
        let mut pixels = vec![255u8; side * side];
        for (i, _) in dark.iter().enumerate().filter(|(_, d)| **d) {
            pixels[(i / modules + quiet) * side + i % modules + quiet] = 0;
        }
        Self { side: u32::try_from(side).unwrap_or(0), pixels: std::sync::Arc::new(pixels) }
    }
}

impl CustomImage for QrImage {
    fn color_channel(&self) -> &[u8] {
        &self.pixels
    }

    fn alpha_channel(&self) -> Option<&[u8]> {
        None
    }

    fn bits_per_component(&self) -> BitsPerComponent {
        BitsPerComponent::Eight
    }

    fn size(&self) -> (u32, u32) {
        (self.side, self.side)
    }

    fn icc_profile(&self) -> Option<&[u8]> {
        None
    }

    fn color_space(&self) -> ImageColorspace {
        ImageColorspace::Luma
    }
}

fn fill_of(color: (u8, u8, u8)) -> Fill {
    Fill { paint: rgb::Color::new(color.0, color.1, color.2).into(), opacity: NormalizedF32::ONE, rule: FillRule::NonZero }
}

/// Paints the pages of `sheet` at the end of `document`.
pub fn paint(document: &mut Document, sheet: &Sheet) -> Result<(), String> {
    let settings = || PageSettings::from_wh(PAGE_WIDTH, PAGE_HEIGHT).ok_or("bad page size");
    for ops in &sheet.pages {
        let mut page = document.start_page_with(settings()?);
        let mut surface = page.surface();
        let mut links = Vec::new();
        for op in ops {
            match op {
                Op::Text { x, y, text, style, align } => {
                    let face = face(style.weight)?;
                    let glyphs: Vec<KrillaGlyph> = text
                        .char_indices()
                        .map(|(i, c)| {
                            let (id, advance) = face.glyph(c);
                            KrillaGlyph::new(GlyphId::new(id.to_u32()), advance, 0.0, 0.0, 0.0, i..i + c.len_utf8(), None)
                        })
                        .collect();
                    let w = glyphs.iter().map(|g| g.x_advance).sum::<f32>() * style.size;
                    let x = match align {
                        Align::Left => *x,
                        Align::Right => x - w,
                        Align::Center => x - w / 2.0,
                    };
                    surface.set_fill(Some(fill_of(style.color)));
                    surface.draw_glyphs(Point::from_xy(x, *y), &glyphs, face.pdf.clone(), text, style.size, false);
                }
                Op::Fill { x, y, w, h, color } => {
                    let mut path = PathBuilder::new();
                    path.push_rect(Rect::from_xywh(*x, *y, *w, *h).ok_or("bad rectangle")?);
                    surface.set_stroke(None);
                    surface.set_fill(Some(fill_of(*color)));
                    surface.draw_path(&path.finish().ok_or("empty path")?);
                }
                Op::Rule { x1, y1, x2, y2, width, color } => {
                    let mut path = PathBuilder::new();
                    path.move_to(*x1, *y1);
                    path.line_to(*x2, *y2);
                    surface.set_fill(None);
                    surface.set_stroke(Some(Stroke {
                        paint: rgb::Color::new(color.0, color.1, color.2).into(),
                        width: *width,
                        ..Stroke::default()
                    }));
                    surface.draw_path(&path.finish().ok_or("empty path")?);
                    surface.set_stroke(None);
                }
                Op::Qr { x, y, side, modules, dark } => {
                    let image = Image::from_custom(QrImage::new(*modules, dark), false)?;
                    surface.push_transform(&Transform::from_translate(*x, *y));
                    surface.draw_image(image, PageSize::from_wh(*side, *side).ok_or("bad QR size")?);
                    surface.pop();
                }
                Op::Link { x, y, w, h, url } => links.push((Rect::from_xywh(*x, *y, *w, *h).ok_or("bad link area")?, url.clone())),
            }
        }
        surface.finish();
        for (rect, url) in links {
            let target = Target::Action(Action::Link(LinkAction::new(url)));
            page.add_annotation(Annotation::new_link(LinkAnnotation::new(rect, target), None));
        }
        page.finish();
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn measures_and_wraps_with_the_fonts_own_advances() {
        let style = Style::regular(10.0);
        let w = width("Начислено", style);
        assert!(w > 30.0 && w < 60.0, "{w}");
        assert!((width("Начислено", Style::bold(10.0)) - w).abs() < 10.0, "bold measured with its own advances");
        let lines = wrap("Горячее водоснабжение (компонент на тепловую энергию)", style, 100.0);
        assert!(lines.len() >= 3, "{lines:?}");
        assert!(lines.iter().all(|l| width(l, style) <= 100.0), "{lines:?}");
        let cut = wrap(&"Щ".repeat(40), style, 50.0);
        assert!(cut.len() > 1 && cut.iter().all(|l| width(l, style) <= 50.0), "{cut:?}");
        let printed = "Оплата ЖКУ «Тепло» № 5 — 1\u{a0}234,56 руб. × м³ ёЁ";
        assert_eq!(printable(printed, Weight::Regular), printed);
        assert_eq!(printable(printed, Weight::Bold), printed);
        assert_eq!(printable("ООО «Тепло» 🔥", Weight::Regular), "ООО «Тепло» ?");
    }
}
