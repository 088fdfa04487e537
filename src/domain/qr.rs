//! The payment QR of a receipt in GOST R 56042-2014 form: `ST00012` (format ST, version 0001, UTF-8)
//! then `|Key=Value` pairs, within 300 bytes (what common generators and bank apps accept), and its
//! image: error correction M with the standard quiet zone, as a PNG.

use qrcodegen::{QrCode, QrCodeEcc, QrSegment, Version};

use crate::domain::period::Period;

/// The most bytes a payload may take.
pub const MAX_BYTES: usize = 300;

/// Who is paid, for how much, by whom.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Payment<'a> {
    pub name: &'a str,
    pub personal_acc: &'a str,
    pub bank_name: &'a str,
    pub bic: &'a str,
    pub corresp_acc: &'a str,
    pub payee_inn: &'a str,
    pub kpp: Option<&'a str>,
    /// Kopecks; a total that is not positive is left out (the payer enters the sum).
    pub sum: i64,
    /// The payer's account with the provider.
    pub pers_acc: &'a str,
    pub payer_address: &'a str,
    pub period: Period,
}

/// A value as the standard allows it: no `|` (the separator), no line breaks, at most `max` characters.
fn field(value: &str, max: usize) -> String {
    value.chars().map(|c| if c == '|' || c.is_control() { ' ' } else { c }).take(max).collect::<String>().trim().to_owned()
}

/// The fields in the order they are written; `None` is left out.
struct Fields {
    name: String,
    bank_name: String,
    purpose: Option<String>,
    payer_address: Option<String>,
}

fn write(p: &Payment, f: &Fields) -> String {
    let mut out = format!(
        "ST00012|Name={}|PersonalAcc={}|BankName={}|BIC={}|CorrespAcc={}|PayeeINN={}",
        f.name,
        field(p.personal_acc, 20),
        f.bank_name,
        field(p.bic, 9),
        field(p.corresp_acc, 20),
        field(p.payee_inn, 12),
    );
    if let Some(kpp) = p.kpp {
        out.push_str(&format!("|KPP={}", field(kpp, 9)));
    }
    if p.sum > 0 {
        out.push_str(&format!("|Sum={}", p.sum.min(999_999_999_999_999_999)));
    }
    if let Some(purpose) = &f.purpose {
        out.push_str(&format!("|Purpose={purpose}"));
    }
    out.push_str(&format!("|PersAcc={}", field(p.pers_acc, 30)));
    if let Some(address) = &f.payer_address {
        out.push_str(&format!("|PayerAddress={address}"));
    }
    out.push_str(&format!("|PaymPeriod={}|TechCode=02", p.period.mmyyyy()));
    out
}

/// The payload string to encode in the QR code, at most `MAX_BYTES`: when the whole does not fit, in
/// this order, the payer's address is dropped, the purpose is shortened, then dropped, then the bank's
/// and the payee's names are shortened (the longer first) until it fits.
pub fn payload(p: &Payment) -> String {
    let month = p.period.dotted();
    let pers_acc = field(p.pers_acc, 30);
    let mut f = Fields {
        name: field(p.name, 160),
        bank_name: field(p.bank_name, 45),
        purpose: Some(field(&format!("Оплата ЖКУ за {month}, л/с {pers_acc}"), 210)),
        payer_address: Some(field(p.payer_address, 160)).filter(|a| !a.is_empty()),
    };
    let fits = |f: &Fields| write(p, f).len() <= MAX_BYTES;
    let steps: [fn(&mut Fields, &str, &str); 3] = [
        |f, _, _| f.payer_address = None,
        |f, month, acc| f.purpose = Some(field(&format!("ЖКУ {month} л/с {acc}"), 210)),
        |f, _, _| f.purpose = None,
    ];
    for step in steps {
        if fits(&f) {
            break;
        }
        step(&mut f, &month, &pers_acc);
    }
    while !fits(&f) {
        let longer = if f.name.chars().count() >= f.bank_name.chars().count() { &mut f.name } else { &mut f.bank_name };
        if longer.pop().is_none() {
            break;
        }
        *longer = longer.trim_end().to_owned();
    }
    write(p, &f)
}

/// Reads a payload back into its fields (the header, then key → value pairs).
pub fn parse(payload: &str) -> Option<(String, Vec<(String, String)>)> {
    let mut parts = payload.split('|');
    let header = parts.next()?.to_owned();
    let fields = parts.map(|kv| kv.split_once('=').map(|(k, v)| (k.to_owned(), v.to_owned()))).collect::<Option<Vec<_>>>()?;
    Some((header, fields))
}

/// The payload's QR code (error correction M): its width in modules and whether each module, row by
/// row, is dark. A PNG and a PDF draw the same matrix.
pub fn matrix(payload: &str) -> Result<(usize, Vec<bool>), qrcodegen::DataTooLong> {
    let segments = [QrSegment::make_bytes(payload.as_bytes())];
    // Error correction M exactly (no boost to a higher level), the mask chosen by the standard's penalty.
    let code = QrCode::encode_segments_advanced(&segments, QrCodeEcc::Medium, Version::MIN, Version::MAX, None, false)?;
    let size = code.size();
    Ok((
        usize::try_from(size).unwrap_or(0),
        (0..size).flat_map(|y| (0..size).map(move |x| (x, y))).map(|(x, y)| code.get_module(x, y)).collect(),
    ))
}

/// The quiet zone around a code, in modules (the standard's 4).
pub const QUIET: usize = 4;
/// Pixels per module of the image.
const SCALE: usize = 6;

/// The payload as a QR code image (PNG, black on white, error correction M, quiet zone).
pub fn png(payload: &str) -> Result<Vec<u8>, Box<dyn std::error::Error + Send + Sync>> {
    let (modules, dark) = matrix(payload)?;
    let side = (modules + 2 * QUIET) * SCALE;
    let mut pixels = vec![255u8; side * side];
    for (i, is_dark) in dark.iter().enumerate() {
        if *is_dark {
            let (mx, my) = (i % modules + QUIET, i / modules + QUIET);
            for y in my * SCALE..(my + 1) * SCALE {
                pixels[y * side + mx * SCALE..y * side + (mx + 1) * SCALE].fill(0);
            }
        }
    }
    let mut out = Vec::new();
    let side = u32::try_from(side)?;
    let mut encoder = png::Encoder::new(&mut out, side, side);
    encoder.set_color(png::ColorType::Grayscale);
    encoder.set_depth(png::BitDepth::Eight);
    encoder.write_header()?.write_image_data(&pixels)?;
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn payment<'a>(name: &'a str, bank: &'a str, address: &'a str) -> Payment<'a> {
        Payment {
            name,
            personal_acc: "40702810438000060473",
            bank_name: bank,
            bic: "044525225",
            corresp_acc: "30101810400000000225",
            payee_inn: "1901067718",
            kpp: Some("190101001"),
            sum: 123456,
            pers_acc: "SGK-00001",
            payer_address: address,
            period: Period::parse("2021-08").unwrap(),
        }
    }

    fn get(text: &str, key: &str) -> Option<String> {
        parse(text).unwrap().1.into_iter().find(|(k, _)| k == key).map(|(_, v)| v)
    }

    #[test]
    fn every_field_of_the_standard_is_written() {
        // Short names leave room for every optional field.
        let text = payload(&payment("ВК", "Банк", "Ленина 1-5"));
        assert!(text.starts_with("ST00012|Name=ВК|PersonalAcc=40702810438000060473|BankName=Банк|BIC=044525225|"));
        for (key, value) in [
            ("CorrespAcc", "30101810400000000225"),
            ("PayeeINN", "1901067718"),
            ("KPP", "190101001"),
            ("Sum", "123456"),
            ("Purpose", "Оплата ЖКУ за 08.2021, л/с SGK-00001"),
            ("PersAcc", "SGK-00001"),
            ("PayerAddress", "Ленина 1-5"),
            ("PaymPeriod", "082021"),
            ("TechCode", "02"),
        ] {
            assert_eq!(get(&text, key).as_deref(), Some(value), "{key} in {text}");
        }
        assert!(text.len() <= MAX_BYTES, "{} bytes", text.len());
        let free = payload(&Payment { sum: 0, ..payment("A", "B", "") });
        assert!(!free.contains("Sum=") && !free.contains("PayerAddress="));
    }

    #[test]
    fn a_long_payload_loses_optional_fields_in_the_fixed_order_and_fits() {
        let address = "Республика Хакасия, г. Абакан, ул. Щетинкина, д. 123, корп. 4, кв. 567";
        let name = "Акционерное общество «Сибирская генерирующая компания» (СГК), филиал в Абакане";
        let text = payload(&payment(name, "Абаканское отделение № 8602 ПАО Сбербанк", address));
        assert!(text.len() <= MAX_BYTES, "{} bytes: {text}", text.len());
        assert_eq!(get(&text, "PayerAddress"), None, "the address goes first");
        assert!(get(&text, "Purpose").is_none() || get(&text, "Purpose").is_some_and(|p| p.starts_with("ЖКУ")));
        for key in ["Name", "PersonalAcc", "BankName", "BIC", "CorrespAcc", "PayeeINN", "KPP", "Sum", "PersAcc", "PaymPeriod"] {
            assert!(get(&text, key).is_some_and(|v| !v.is_empty()), "{key} kept in {text}");
        }
        let huge = format!("ООО «Тепло|Сеть» {}", "х".repeat(400));
        let text = payload(&payment(&huge, &"Банк ".repeat(40), address));
        assert!(text.len() <= MAX_BYTES, "{} bytes", text.len());
        assert!(get(&text, "Name").unwrap().starts_with("ООО «Тепло Сеть»"), "no separator inside a value");
        assert!(!text.contains('\n'));
    }

    #[test]
    fn the_image_decodes_back_to_the_payload() {
        let text = payload(&payment("АО «СГК»", "ПАО Сбербанк", "Абакан, ул. Ленина, д. 12, кв. 5"));
        let image = png(&text).unwrap();
        let decoder = png::Decoder::new(std::io::Cursor::new(image));
        let mut reader = decoder.read_info().unwrap();
        let mut buffer = vec![0; reader.output_buffer_size()];
        let info = reader.next_frame(&mut buffer).unwrap();
        let (w, h) = (info.width as usize, info.height as usize);
        let mut prepared = rqrr::PreparedImage::prepare_from_greyscale(w, h, |x, y| buffer[y * w + x]);
        let grids = prepared.detect_grids();
        assert_eq!(grids.len(), 1);
        let (meta, content) = grids[0].decode().unwrap();
        assert_eq!(content, text);
        assert_eq!(meta.ecc_level, 0, "error correction M");
        // The quiet zone: the border is white all round.
        assert!((0..w).all(|x| buffer[x] == 255 && buffer[(h - 1) * w + x] == 255));
    }
}
