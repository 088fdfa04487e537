//! What the app sent, read back: emails from the mail folder, SMS from the SMS file, webhooks caught
//! by a receiver on loopback.

use serde_json::Value;

use super::app::TestApp;

/// A message read back from the mail folder.
#[derive(Debug, Clone)]
pub struct Mail {
    pub to: String,
    pub subject: String,
    pub text: String,
    /// The HTML alternative, when the mail has one.
    pub html: Option<String>,
    /// Inline images: (Content-ID, bytes).
    pub images: Vec<(String, Vec<u8>)>,
    /// Attached files: (file name, content type, bytes).
    pub attachments: Vec<(String, String, Vec<u8>)>,
}

fn decode_subject(raw: &str) -> String {
    // RFC 2047 `=?utf-8?b?…?=` words, as lettre writes non-ASCII subjects; the space between two
    // encoded words is not part of the text.
    use base64::Engine;
    let mut out = String::new();
    let mut last_encoded = false;
    for word in raw.split_whitespace() {
        let lower = word.to_ascii_lowercase();
        let encoded = lower.starts_with("=?utf-8?b?") && lower.ends_with("?=");
        if !(out.is_empty() || encoded && last_encoded) {
            out.push(' ');
        }
        if encoded {
            let bytes = base64::engine::general_purpose::STANDARD.decode(&word[10..word.len() - 2]).unwrap_or_default();
            out.push_str(&String::from_utf8(bytes).unwrap_or_default());
        } else {
            out.push_str(word);
        }
        last_encoded = encoded;
    }
    out
}

pub fn parse_eml(raw: &str) -> Mail {
    let (head, _) = raw.split_once("\r\n\r\n").unwrap_or((raw, ""));
    let header = |name: &str| header_of(head, name);
    let mut mail = Mail {
        to: header("To").trim_matches(['<', '>']).to_owned(),
        subject: decode_subject(&header("Subject")),
        text: String::new(),
        html: None,
        images: Vec::new(),
        attachments: Vec::new(),
    };
    leaves(raw, &mut mail);
    mail
}

/// A header's value, its folded lines joined.
fn header_of(head: &str, name: &str) -> String {
    let unfolded = head.replace("\r\n ", " ").replace("\r\n\t", " ");
    unfolded
        .lines()
        .find_map(|l| l.split_once(": ").filter(|(k, _)| k.eq_ignore_ascii_case(name)).map(|(_, v)| v.to_owned()))
        .unwrap_or_default()
}

/// Walks a MIME entity: multipart bodies part by part, and the text, HTML and images it holds.
fn leaves(entity: &str, mail: &mut Mail) {
    use base64::Engine;
    let (head, body) = entity.split_once("\r\n\r\n").unwrap_or((entity, ""));
    let kind = header_of(head, "Content-Type").to_ascii_lowercase();
    if kind.starts_with("multipart/") {
        let boundary = header_of(head, "Content-Type")
            .split(';')
            .find_map(|p| p.trim().strip_prefix("boundary=").map(|b| b.trim_matches('"').to_owned()))
            .unwrap_or_default();
        for part in body.split(&format!("--{boundary}")).skip(1) {
            if !part.starts_with("--") {
                leaves(part.trim_start_matches("\r\n"), mail);
            }
        }
        return;
    }
    let compact: String = body.chars().filter(|c| !c.is_whitespace()).collect();
    let bytes = base64::engine::general_purpose::STANDARD.decode(compact).unwrap_or_default();
    let disposition = header_of(head, "Content-Disposition");
    if disposition.to_ascii_lowercase().starts_with("attachment") {
        // `filename="…"`, or in RFC 2231 sections when long: `filename*0="…"; filename*1="…"`.
        let name: String = disposition
            .split(';')
            .filter_map(|p| p.trim().split_once('='))
            .filter(|(k, _)| *k == "filename" || k.strip_prefix("filename*").is_some_and(|n| n.parse::<u32>().is_ok()))
            .map(|(_, v)| v.trim_matches('"'))
            .collect();
        mail.attachments.push((name, kind, bytes));
    } else if kind.starts_with("text/html") {
        mail.html = Some(String::from_utf8(bytes).unwrap_or_default());
    } else if kind.starts_with("image/") {
        mail.images.push((header_of(head, "Content-ID").trim_matches(['<', '>']).to_owned(), bytes));
    } else {
        mail.text = String::from_utf8(bytes).unwrap_or_default();
    }
}

/// One SMS read back from the SMS file.
#[derive(Debug, Clone, serde::Deserialize)]
pub struct SmsLine {
    pub to: String,
    pub text: String,
    pub sent_at: String,
}

impl TestApp {
    /// Every email written to the mail folder so far.
    pub fn mails(&self) -> Vec<Mail> {
        let dir = self.dir.join("mail");
        let Ok(entries) = std::fs::read_dir(&dir) else { return Vec::new() };
        entries
            .flatten()
            .filter(|e| e.path().extension().is_some_and(|x| x == "eml"))
            .map(|e| parse_eml(&std::fs::read_to_string(e.path()).unwrap()))
            .collect()
    }

    /// Every SMS written to the SMS file so far.
    pub fn sms(&self) -> Vec<SmsLine> {
        // Whole lines only: the sink may be appending the last one while it is read.
        let text = std::fs::read_to_string(self.dir.join("sms.jsonl")).unwrap_or_default();
        let whole = &text[..text.rfind('\n').map_or(0, |end| end + 1)];
        whole.lines().map(|l| serde_json::from_str(l).unwrap()).collect()
    }

    /// The emails to `to`, once `n` have arrived.
    pub async fn mails_to(&self, to: &str, n: usize) -> Vec<Mail> {
        self.eventually(&format!("{n} emails to {to}"), |app| {
            let mails: Vec<Mail> = app.mails().into_iter().filter(|m| m.to == to).collect();
            (mails.len() >= n).then_some(mails)
        })
        .await
    }

    /// The SMS to `phone`, once `n` have arrived.
    pub async fn sms_to(&self, phone: &str, n: usize) -> Vec<SmsLine> {
        self.eventually(&format!("{n} SMS to {phone}"), |app| {
            let sms: Vec<SmsLine> = app.sms().into_iter().filter(|m| m.to == phone).collect();
            (sms.len() >= n).then_some(sms)
        })
        .await
    }

    /// The code in the `n`-th SMS (1-based) to `phone`.
    pub async fn code_sent_to(&self, phone: &str, n: usize) -> String {
        let sms = self.sms_to(phone, n).await;
        sms[n - 1].text.split(|c: char| !c.is_ascii_digit()).find(|w| w.len() == 6).unwrap().to_owned()
    }
}

/// A webhook receiver on loopback that answers 200 and keeps every event it gets.
pub async fn webhook_sink() -> (wiremock::MockServer, std::sync::Arc<std::sync::Mutex<Vec<Value>>>) {
    let hooks = wiremock::MockServer::start().await;
    let received: std::sync::Arc<std::sync::Mutex<Vec<Value>>> = Default::default();
    let sink = received.clone();
    wiremock::Mock::given(wiremock::matchers::method("POST"))
        .respond_with(move |req: &wiremock::Request| {
            sink.lock().unwrap().push(serde_json::from_slice(&req.body).unwrap());
            wiremock::ResponseTemplate::new(200)
        })
        .mount(&hooks)
        .await;
    (hooks, received)
}
