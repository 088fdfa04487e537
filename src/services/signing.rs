//! The agent's signing keys: Ed25519 keys kept sealed in `settings` (made at first use; `ebill keys
//! rotate` adds one — the newest signs, every one keeps verifying), each document's JSON as a compact
//! JWS (`EdDSA`, with `kid`), the key material of access tokens, and the public keys as a JWKS.

use std::collections::HashMap;
use std::sync::{Arc, LazyLock, Mutex};

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use chrono::NaiveDateTime;
use ring::signature::{Ed25519KeyPair, KeyPair};
use serde_json::{Value, json};

use crate::crypto::Keys;
use crate::domain::ids::new_id;
use crate::error::{Error, Result};
use crate::services::documents::{DocumentView, address_line};
use crate::store::db::DbConn;
use crate::store::settings;

/// The setting that holds the keys.
pub const SETTING: &str = "document_signing_keys";

/// One key as stored: the private half sealed with the master key.
#[derive(serde::Serialize, serde::Deserialize)]
struct Stored {
    kid: String,
    /// PKCS#8, sealed.
    private: String,
    /// The raw 32-byte public key, base64url.
    public: String,
    created_at: NaiveDateTime,
}

fn stored(conn: &mut DbConn) -> Result<Vec<Stored>> {
    parse(settings::get(conn, SETTING)?.as_deref())
}

/// The keys of the setting's text (none without it).
fn parse(text: Option<&str>) -> Result<Vec<Stored>> {
    text.map_or(Ok(Vec::new()), |text| serde_json::from_str(text).map_err(Error::internal))
}

fn new_key(keys: &Keys, now: NaiveDateTime) -> Result<Stored> {
    let rng = ring::rand::SystemRandom::new();
    let pkcs8 = Ed25519KeyPair::generate_pkcs8(&rng).map_err(|_| Error::internal("cannot make an Ed25519 key"))?;
    let pair = Ed25519KeyPair::from_pkcs8(pkcs8.as_ref()).map_err(|_| Error::internal("cannot read the new key"))?;
    Ok(Stored {
        kid: new_id("key"),
        private: keys.seal(&URL_SAFE_NO_PAD.encode(pkcs8.as_ref())),
        public: URL_SAFE_NO_PAD.encode(pair.public_key().as_ref()),
        created_at: now,
    })
}

/// Adds a signing key; documents are signed with it from now on. Returns its `kid`.
pub fn rotate(conn: &mut DbConn, keys: &Keys, now: NaiveDateTime) -> Result<String> {
    crate::store::db::write_tx(conn, |conn| {
        let mut all = stored(conn)?;
        let key = new_key(keys, now)?;
        let kid = key.kid.clone();
        all.push(key);
        settings::set(conn, SETTING, &serde_json::to_string(&all).map_err(Error::internal)?)?;
        Ok(kid)
    })
}

/// The keys, with one made if there is none yet.
fn all(conn: &mut DbConn, keys: &Keys, now: NaiveDateTime) -> Result<Vec<Stored>> {
    let found = stored(conn)?;
    if !found.is_empty() {
        return Ok(found);
    }
    let first = serde_json::to_string(&[new_key(keys, now)?]).map_err(Error::internal)?;
    // Two processes starting at once keep whichever key was stored first.
    let standing = settings::get_or_insert(conn, SETTING, &first)?;
    serde_json::from_str(&standing).map_err(Error::internal)
}

/// The public keys, as `GET /.well-known/jwks.json` serves them.
pub fn jwks(conn: &mut DbConn, keys: &Keys, now: NaiveDateTime) -> Result<Value> {
    let keys: Vec<Value> = all(conn, keys, now)?
        .into_iter()
        .map(|k| json!({"kty": "OKP", "crv": "Ed25519", "x": k.public, "kid": k.kid, "use": "sig", "alg": "EdDSA"}))
        .collect();
    Ok(json!({ "keys": keys }))
}

/// How long a new key is published before access tokens are signed with it: every replica reloads the
/// keys well within this, so a token from one is never refused by another for an unknown `kid`.
pub const PUBLISH_BEFORE_USE: chrono::Duration = chrono::Duration::seconds(60);

/// What access tokens are signed and checked with.
pub struct TokenKeys {
    /// The stored key list as read, to tell whether a reload found anything new.
    pub fingerprint: String,
    /// The signing key's `kid` and PKCS#8 document.
    pub signer: (String, Vec<u8>),
    /// Every key's `kid` and raw public key.
    pub public: Vec<(String, Vec<u8>)>,
}

/// The key material of access tokens: every key verifies; the newest published at least
/// `PUBLISH_BEFORE_USE` ago signs (the first key at once, while it is the only one).
pub fn token_keys(conn: &mut DbConn, keys: &Keys, now: NaiveDateTime) -> Result<TokenKeys> {
    let all = all(conn, keys, now)?;
    let fingerprint = all.iter().map(|k| k.kid.as_str()).collect::<Vec<_>>().join(" ");
    let signer = all
        .iter()
        .rev()
        .find(|k| k.created_at <= now - PUBLISH_BEFORE_USE)
        .or(all.first())
        .ok_or_else(|| Error::internal("no signing key"))?;
    let public = all
        .iter()
        .map(|k| URL_SAFE_NO_PAD.decode(&k.public).map(|raw| (k.kid.clone(), raw)).map_err(Error::internal))
        .collect::<Result<_>>()?;
    Ok(TokenKeys { fingerprint, signer: (signer.kid.clone(), private_key(keys, signer)?), public })
}

fn private_key(keys: &Keys, key: &Stored) -> Result<Vec<u8>> {
    keys.open(&key.private)
        .and_then(|b64| URL_SAFE_NO_PAD.decode(b64).ok())
        .ok_or_else(|| Error::internal("a signing key that does not open"))
}

/// What a document's signature covers: who issued it, for which premises and period, every line, every
/// payee with its bank details, the totals and the verification code.
pub fn payload(view: &DocumentView, issuer: &str) -> Value {
    let d = &view.document;
    let lines: Vec<Value> = view
        .lines
        .iter()
        .map(|l| {
            json!({"provider_id": l.provider_id, "account_number": l.account_number, "service_code": l.service_code,
                   "service_name": l.service_name, "unit": l.unit, "volume": l.amounts.volume, "tariff": l.amounts.tariff,
                   "amount": l.amounts.amount, "recalculation": l.amounts.recalculation, "debt": l.amounts.debt,
                   "penalty": l.amounts.penalty, "total": l.total})
        })
        .collect();
    let payees: Vec<Value> = view
        .payees
        .iter()
        .map(|(p, _)| {
            let r = &p.requisites;
            json!({"provider_id": p.provider_id, "name": r.name, "inn": r.inn, "kpp": r.kpp, "bank_name": r.bank_name,
                   "bik": r.bank_bik, "account": r.bank_account, "correspondent_account": r.bank_correspondent_account,
                   "account_number": p.account_number, "total": p.total})
        })
        .collect();
    json!({
        "iss": issuer, "document_id": d.id, "kind": d.kind, "period": d.period, "payer_code": view.premises.payer_code,
        "address": address_line(&view.premises), "lines": lines, "payees": payees, "total": d.total,
        "verification_code": d.verification_code, "issued_at": d.created_at.and_utc().to_rfc3339(),
    })
}

/// The newest key, ready to sign many documents.
pub struct Signer {
    kid: String,
    pair: Arc<Ed25519KeyPair>,
}

/// Keys opened before, by their sealed form: opening one (and deriving its public half) costs more than
/// signing a document with it.
static OPENED: LazyLock<Mutex<HashMap<String, Arc<Ed25519KeyPair>>>> = LazyLock::new(Default::default);

/// The signer of the newest key (one is made if there is none yet).
pub fn signer(conn: &mut DbConn, keys: &Keys, now: NaiveDateTime) -> Result<Signer> {
    signer_of(conn, keys, None, now)
}

/// The signer of the newest of the keys `stored` (the setting as read with something else), or of
/// those read now when there are none.
pub fn signer_of(conn: &mut DbConn, keys: &Keys, stored: Option<&str>, now: NaiveDateTime) -> Result<Signer> {
    let given = parse(stored)?;
    let all = if given.is_empty() { all(conn, keys, now)? } else { given };
    let newest = all.last().ok_or_else(|| Error::internal("no signing key"))?;
    let opened = OPENED.lock().ok().and_then(|o| o.get(&newest.private).cloned());
    let pair = match opened {
        Some(pair) => pair,
        None => {
            let pkcs8 = private_key(keys, newest)?;
            let pair = Arc::new(Ed25519KeyPair::from_pkcs8(&pkcs8).map_err(|_| Error::internal("a signing key that does not read"))?);
            if let Ok(mut opened) = OPENED.lock() {
                opened.insert(newest.private.clone(), pair.clone());
            }
            pair
        }
    };
    Ok(Signer { kid: newest.kid.clone(), pair })
}

impl Signer {
    /// The compact JWS of `payload`.
    pub fn sign(&self, payload: &Value) -> String {
        let header = URL_SAFE_NO_PAD.encode(json!({"alg": "EdDSA", "kid": self.kid, "typ": "JOSE"}).to_string());
        let body = URL_SAFE_NO_PAD.encode(payload.to_string());
        let signing_input = format!("{header}.{body}");
        let signature = URL_SAFE_NO_PAD.encode(self.pair.sign(signing_input.as_bytes()).as_ref());
        format!("{signing_input}.{signature}")
    }
}
