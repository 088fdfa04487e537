//! A PDF read back the way a person and a bank app meet it: its text (`pdftotext`), its fonts
//! (`pdffonts`), its pages rendered to images (`pdftoppm`, 300 dpi) and every QR code on them decoded by
//! an independent decoder (`rqrr`). The tools are Debian's `poppler-utils`.

use std::path::Path;
use std::process::Command;

/// What a PDF shows.
#[derive(Debug)]
pub struct Pdf {
    pub text: String,
    pub pages: usize,
    /// `pdffonts`' table: name, type, embedded, subset.
    pub fonts: String,
    /// The QR codes of every page, decoded, page by page.
    pub qr_codes: Vec<Vec<String>>,
}

fn run(tool: &str, args: &[&str]) -> String {
    let output = Command::new(tool)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("{tool} did not run ({e}): the PDF tests need Debian's poppler-utils"));
    assert!(output.status.success(), "{tool} {args:?}: {}", String::from_utf8_lossy(&output.stderr));
    String::from_utf8(output.stdout).expect("tool output is UTF-8")
}

fn qr_codes(png: &Path) -> Vec<String> {
    let file = std::fs::File::open(png).expect("page image");
    let mut reader = png::Decoder::new(std::io::BufReader::new(file)).read_info().expect("a PNG");
    let mut pixels = vec![0; reader.output_buffer_size()];
    let info = reader.next_frame(&mut pixels).expect("a frame");
    let channels = info.color_type.samples();
    let (w, h) = (info.width as usize, info.height as usize);
    let mut image = rqrr::PreparedImage::prepare_from_greyscale(w, h, |x, y| pixels[(y * w + x) * channels]);
    image.detect_grids().into_iter().map(|grid| grid.decode().expect("every QR code on the page decodes").1).collect()
}

/// Reads `bytes` as a PDF.
pub fn read_pdf(bytes: &[u8]) -> Pdf {
    assert!(bytes.starts_with(b"%PDF-"), "not a PDF: {:?}", String::from_utf8_lossy(&bytes[..bytes.len().min(40)]));
    let dir = tempfile::tempdir().expect("scratch folder");
    let file = dir.path().join("document.pdf");
    std::fs::write(&file, bytes).expect("PDF written");
    let path = file.to_str().expect("UTF-8 path");
    let info = run("pdfinfo", &[path]);
    let pages = info.lines().find_map(|l| l.strip_prefix("Pages:")).and_then(|n| n.trim().parse().ok()).expect("a page count");
    let prefix = dir.path().join("page");
    run("pdftoppm", &["-r", "300", "-aa", "no", "-aaVector", "no", "-gray", "-png", path, prefix.to_str().expect("UTF-8 path")]);
    let mut images: Vec<_> = std::fs::read_dir(dir.path())
        .expect("scratch folder")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "png"))
        .collect();
    images.sort();
    assert_eq!(images.len(), pages, "one image a page");
    Pdf {
        text: run("pdftotext", &["-layout", path, "-"]),
        pages,
        fonts: run("pdffonts", &[path]),
        qr_codes: images.iter().map(|p| qr_codes(p)).collect(),
    }
}
