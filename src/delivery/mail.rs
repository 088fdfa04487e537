//! Email transports (`EBILL_MAIL`): the log, a folder of `.eml` files, or SMTP through lettre.

use std::path::PathBuf;

use lettre::message::header::{ContentTransferEncoding, ContentType};
use lettre::message::{Attachment, Mailbox, MultiPart, SinglePart};
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};

use crate::config::MailTransport;
use crate::delivery::Refused;
use crate::domain::message::{Email, mask_email};

pub enum Mailer {
    Log,
    Dir(PathBuf),
    Smtp(AsyncSmtpTransport<Tokio1Executor>),
}

impl Mailer {
    pub fn new(transport: &MailTransport) -> Result<Self, String> {
        Ok(match transport {
            MailTransport::Log => Self::Log,
            MailTransport::Dir(dir) => {
                std::fs::create_dir_all(dir).map_err(|e| format!("EBILL_MAIL: cannot create {}: {e}", dir.display()))?;
                Self::Dir(dir.clone())
            }
            MailTransport::Smtp(url) => {
                Self::Smtp(AsyncSmtpTransport::<Tokio1Executor>::from_url(&url.0).map_err(|e| format!("EBILL_MAIL: {e}"))?.build())
            }
        })
    }

    /// Sends `email` as message `id` (its `Message-ID`, and the file name in a folder, so a retry
    /// after a crash replaces rather than doubles).
    pub async fn send(&self, id: &str, from: &str, email: &Email) -> Result<(), Refused> {
        let from: Mailbox = from.parse().map_err(|e| Refused::Permanent(format!("bad sender: {e}")))?;
        let to: Mailbox = email.to.parse().map_err(|e| Refused::Permanent(format!("bad recipient: {e}")))?;
        let domain = from.email.domain().to_owned();
        let builder = Message::builder().from(from).to(to).subject(email.subject.clone()).message_id(Some(format!("<{id}@{domain}>")));
        let text = SinglePart::builder().header(ContentType::TEXT_PLAIN).header(ContentTransferEncoding::Base64).body(email.text.clone());
        let built = match (&email.html, email.attachments.is_empty()) {
            (None, true) => builder.singlepart(text),
            (None, false) => builder.multipart(attach(MultiPart::mixed().singlepart(text), email)?),
            (Some(html), true) => builder.multipart(alternative(text, html, email)?),
            (Some(html), false) => builder.multipart(attach(MultiPart::mixed().multipart(alternative(text, html, email)?), email)?),
        };
        let message = built.map_err(|e| Refused::Permanent(format!("cannot build the message: {e}")))?;
        match self {
            Self::Log => {
                tracing::info!("email {id} to {} queued in the log transport: {}", mask_email(&email.to), email.subject);
                Ok(())
            }
            Self::Dir(dir) => {
                let path = dir.join(format!("{id}.eml"));
                let temp = dir.join(format!(".{id}.eml.tmp"));
                tokio::fs::write(&temp, message.formatted()).await.map_err(Refused::temporary)?;
                tokio::fs::rename(&temp, &path).await.map_err(Refused::temporary)
            }
            // A 5xx reply (the mailbox does not exist, the domain takes no mail) is final; a 4xx reply,
            // a timeout or a lost connection is worth another try.
            Self::Smtp(transport) => transport.send(message).await.map(drop).map_err(|e| match e.is_permanent() {
                true => Refused::Permanent(format!("smtp: {e}")),
                false => Refused::Temporary(format!("smtp: {e}")),
            }),
        }
    }
}

/// multipart/alternative: the text, then the HTML with its inline images (multipart/related).
fn alternative(text: SinglePart, html: &str, email: &Email) -> Result<MultiPart, Refused> {
    let html = SinglePart::builder().header(ContentType::TEXT_HTML).header(ContentTransferEncoding::Base64).body(html.to_owned());
    let png: ContentType = "image/png".parse().map_err(|e| Refused::Permanent(format!("content type: {e}")))?;
    let related = email.images.iter().fold(MultiPart::related().singlepart(html), |related, image| {
        related.singlepart(Attachment::new_inline(image.cid.clone()).body(image.png.clone(), png.clone()))
    });
    Ok(MultiPart::alternative().singlepart(text).multipart(related))
}

/// multipart/mixed: the message, then its attached files.
fn attach(mut mixed: MultiPart, email: &Email) -> Result<MultiPart, Refused> {
    for file in &email.attachments {
        let kind: ContentType =
            file.content_type.parse().map_err(|e| Refused::Permanent(format!("content type {}: {e}", file.content_type)))?;
        mixed = mixed.singlepart(Attachment::new(file.filename.clone()).body(file.bytes.clone(), kind));
    }
    Ok(mixed)
}
