//! Access tokens: EdDSA JWTs signed with the agent's rotating keys (those of `/.well-known/jwks.json`,
//! `kid` in every header), the algorithm pinned and `iss`, `aud`, `exp`, `nbf` and `iat` checked; each
//! names the login it belongs to (`sid`), so that revoking the login ends it, and an app's token its
//! `client_id` and `scope`. Tokens of the former HS256 secret are accepted until the last of them
//! expires.

use std::collections::HashMap;
use std::sync::{Arc, RwLock};
use std::time::Duration;

use chrono::{NaiveDateTime, Utc};
use jsonwebtoken::{Algorithm, DecodingKey, EncodingKey, Header, Validation};
use serde::{Deserialize, Serialize};

use crate::crypto::Keys;
use crate::domain::role::{Principal, Role};
use crate::domain::scope::Scopes;
use crate::error::{Error, Result};
use crate::services::signing;
use crate::store::db::DbConn;
use crate::store::settings;

/// How long an access token lives.
pub const ACCESS_TOKEN_TTL: Duration = Duration::from_secs(10 * 60);
const AUDIENCE: &str = "ebill-api";
/// Clock skew tolerated between the replica that issued a token and the one that checks it.
pub const LEEWAY_SECS: u64 = 5;
/// When this version first started: HS256 tokens issued later are refused.
const HS256_RETIRED_AT: &str = "hs256_retired_at";

#[derive(Debug, Serialize, Deserialize)]
struct Claims {
    iss: String,
    aud: String,
    sub: String,
    role: Role,
    iat: i64,
    nbf: i64,
    exp: i64,
    jti: String,
    /// The login (refresh-token family) the token was issued to; none for client credentials.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    sid: Option<String>,
    /// The app the resident authorized; none for first-party logins.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    client_id: Option<String>,
    /// What the app may do (an app's token only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    scope: Option<String>,
}

/// The app a token was issued to, and what it may do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AppGrant {
    pub client_id: String,
    pub scopes: Scopes,
}

/// What a valid access token says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AccessToken {
    pub principal: Principal,
    /// The login it belongs to, if any.
    pub sid: Option<String>,
    /// When it was issued (unix seconds).
    pub issued_at: i64,
    /// The app it was issued to; `None` for first-party logins, which may do everything their role may.
    pub app: Option<AppGrant>,
}

/// The keys in force: the one that signs and every one that verifies.
struct KeySet {
    fingerprint: String,
    kid: String,
    encoding: EncodingKey,
    decoding: HashMap<String, DecodingKey>,
}

/// The former HS256 secret, for the tokens it signed before this version started.
struct Legacy {
    decoding: DecodingKey,
    validation: Validation,
    issued_up_to: i64,
}

/// Signs and checks access tokens.
pub struct JwtKeys {
    issuer: String,
    validation: Validation,
    keys: RwLock<Arc<KeySet>>,
    legacy: Option<Legacy>,
}

fn validation(algorithm: Algorithm, issuers: &[&str]) -> Validation {
    let mut validation = Validation::new(algorithm);
    validation.set_issuer(issuers);
    validation.set_audience(&[AUDIENCE]);
    validation.set_required_spec_claims(&["exp", "nbf", "iss", "aud", "sub"]);
    validation.validate_nbf = true;
    validation.leeway = LEEWAY_SECS;
    validation
}

fn key_set(material: signing::TokenKeys) -> KeySet {
    KeySet {
        fingerprint: material.fingerprint,
        kid: material.signer.0,
        encoding: EncodingKey::from_ed_der(&material.signer.1),
        decoding: material.public.into_iter().map(|(kid, raw)| (kid, DecodingKey::from_ed_der(&raw))).collect(),
    }
}

impl JwtKeys {
    /// The keys of the database; `legacy_secret`, the former HS256 secret, verifies the tokens it signed
    /// until they expire (the moment this version first started is kept, so every replica agrees).
    pub fn load(conn: &mut DbConn, keys: &Keys, issuer: &str, legacy_secret: Option<&[u8]>, now: NaiveDateTime) -> Result<Self> {
        let set = key_set(signing::token_keys(conn, keys, now)?);
        let retired = settings::get_or_insert(conn, HS256_RETIRED_AT, &now.and_utc().timestamp().to_string())?;
        let issued_up_to = retired.parse::<i64>().map_err(Error::internal)?;
        let live = now.and_utc().timestamp() <= issued_up_to + (ACCESS_TOKEN_TTL.as_secs() + LEEWAY_SECS) as i64;
        let legacy = legacy_secret.filter(|_| live).map(|secret| Legacy {
            decoding: DecodingKey::from_secret(secret),
            // Those tokens named the public URL with its trailing slash.
            validation: validation(Algorithm::HS256, &[issuer, &format!("{issuer}/")]),
            issued_up_to,
        });
        Ok(Self {
            issuer: issuer.to_owned(),
            validation: validation(Algorithm::EdDSA, &[issuer]),
            keys: RwLock::new(Arc::new(set)),
            legacy,
        })
    }

    /// Takes in keys added (or removed) since the last load.
    pub fn reload(&self, conn: &mut DbConn, keys: &Keys, now: NaiveDateTime) -> Result<()> {
        let material = signing::token_keys(conn, keys, now)?;
        if material.fingerprint != self.current().fingerprint || material.signer.0 != self.current().kid {
            let set = Arc::new(key_set(material));
            if let Ok(mut current) = self.keys.write() {
                *current = set;
            }
        }
        Ok(())
    }

    fn current(&self) -> Arc<KeySet> {
        self.keys.read().map(|k| k.clone()).unwrap_or_else(|poisoned| poisoned.into_inner().clone())
    }

    /// A new access token for `principal`, of the login `sid` if it has one, for `app` if an app asked.
    pub fn issue(&self, principal: &Principal, sid: Option<&str>, app: Option<&AppGrant>) -> Result<String> {
        let now = Utc::now().timestamp();
        let claims = Claims {
            iss: self.issuer.clone(),
            aud: AUDIENCE.to_owned(),
            sub: principal.id.clone(),
            role: principal.role,
            iat: now,
            nbf: now,
            exp: now + ACCESS_TOKEN_TTL.as_secs() as i64,
            jti: crate::crypto::random_token(12),
            sid: sid.map(str::to_owned),
            client_id: app.map(|a| a.client_id.clone()),
            scope: app.map(|a| a.scopes.to_string()),
        };
        let keys = self.current();
        let header = Header { kid: Some(keys.kid.clone()), ..Header::new(Algorithm::EdDSA) };
        jsonwebtoken::encode(&header, &claims, &keys.encoding).map_err(Error::internal)
    }

    /// What a valid token of this issuer says: signed with one of the keys (or, before it expires, with
    /// the former secret), in force (`nbf`), unexpired, and not issued in the future; `None` otherwise.
    pub fn verify(&self, token: &str) -> Option<AccessToken> {
        let header = jsonwebtoken::decode_header(token).ok()?;
        let claims = match header.alg {
            Algorithm::EdDSA => {
                let keys = self.current();
                let key = keys.decoding.get(header.kid.as_deref()?)?;
                jsonwebtoken::decode::<Claims>(token, key, &self.validation).ok()?.claims
            }
            Algorithm::HS256 => {
                let legacy = self.legacy.as_ref()?;
                let claims = jsonwebtoken::decode::<Claims>(token, &legacy.decoding, &legacy.validation).ok()?.claims;
                (claims.iat <= legacy.issued_up_to).then_some(claims)?
            }
            _ => return None,
        };
        if claims.iat > Utc::now().timestamp() + LEEWAY_SECS as i64 {
            return None;
        }
        let app = match (claims.client_id, claims.scope) {
            (Some(client_id), scope) => Some(AppGrant { client_id, scopes: Scopes::parse(scope.as_deref().unwrap_or_default()).ok()? }),
            (None, _) => None,
        };
        Some(AccessToken { principal: Principal { role: claims.role, id: claims.sub }, sid: claims.sid, issued_at: claims.iat, app })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::scope::Scope;
    use crate::store::db;

    fn database() -> (tempfile::TempDir, db::Pool, Keys) {
        let dir = tempfile::tempdir().unwrap();
        let url = db::DatabaseUrl::parse(&format!("sqlite://{}", dir.path().join("jwt.db").display())).unwrap();
        let pool = db::pool(&url, 1, std::time::Duration::from_secs(5)).unwrap();
        db::migrate(&mut pool.get().unwrap()).unwrap();
        (dir, pool, Keys::derive(b"master"))
    }

    fn now() -> NaiveDateTime {
        Utc::now().naive_utc()
    }

    fn hs256(claims: serde_json::Value) -> String {
        jsonwebtoken::encode(&Header::new(Algorithm::HS256), &claims, &EncodingKey::from_secret(b"0123456789abcdef0123456789abcdef"))
            .unwrap()
    }

    #[test]
    fn round_trip_kid_and_rejections() {
        let (_dir, pool, keys) = database();
        let conn = &mut pool.get().unwrap();
        let jwt = JwtKeys::load(conn, &keys, "http://x", None, now()).unwrap();
        let p = Principal { role: Role::Resident, id: "res_1".into() };
        let app = AppGrant { client_id: "app_1".into(), scopes: [Scope::DocumentsRead].into_iter().collect() };
        let token = jwt.issue(&p, Some("rtf_1"), Some(&app)).unwrap();
        let header = jsonwebtoken::decode_header(&token).unwrap();
        assert_eq!((header.alg, header.kid.is_some()), (Algorithm::EdDSA, true));
        let verified = jwt.verify(&token).unwrap();
        assert_eq!((verified.principal, verified.sid.as_deref(), verified.app), (p.clone(), Some("rtf_1"), Some(app)));
        assert_eq!(jwt.verify(&jwt.issue(&p, None, None).unwrap()).unwrap().app, None, "first-party");

        let (_other_dir, other_pool, _) = database();
        let other = JwtKeys::load(&mut other_pool.get().unwrap(), &keys, "http://x", None, now()).unwrap();
        assert_eq!(other.verify(&token), None, "another database's keys");
        let other_issuer = JwtKeys::load(conn, &keys, "http://y", None, now()).unwrap();
        assert_eq!(other_issuer.verify(&token), None);
        // alg=none is refused: the algorithm is pinned.
        let parts: Vec<&str> = token.split('.').collect();
        let none = format!("eyJhbGciOiJub25lIiwidHlwIjoiSldUIn0.{}.", parts[1]);
        assert_eq!(jwt.verify(&none), None);
    }

    #[test]
    fn a_new_key_verifies_at_once_and_signs_once_published() {
        let (_dir, pool, keys) = database();
        let conn = &mut pool.get().unwrap();
        let start = now();
        let jwt = JwtKeys::load(conn, &keys, "http://x", None, start).unwrap();
        let p = Principal { role: Role::Operator, id: "opr_1".into() };
        let before = jwt.issue(&p, None, None).unwrap();
        let first_kid = jsonwebtoken::decode_header(&before).unwrap().kid;
        let new_kid = signing::rotate(conn, &keys, start).unwrap();
        jwt.reload(conn, &keys, start).unwrap();
        let fresh = jwt.issue(&p, None, None).unwrap();
        assert_eq!(jsonwebtoken::decode_header(&fresh).unwrap().kid, first_kid, "not yet published long enough");
        jwt.reload(conn, &keys, start + signing::PUBLISH_BEFORE_USE).unwrap();
        let later = jwt.issue(&p, None, None).unwrap();
        assert_eq!(jsonwebtoken::decode_header(&later).unwrap().kid, Some(new_kid));
        assert!(jwt.verify(&before).is_some() && jwt.verify(&later).is_some(), "old and new keys verify");
    }

    #[test]
    fn hs256_tokens_until_they_expire() {
        let (_dir, pool, keys) = database();
        let conn = &mut pool.get().unwrap();
        let secret = b"0123456789abcdef0123456789abcdef".as_slice();
        let started = now();
        let jwt = JwtKeys::load(conn, &keys, "http://x", Some(secret), started).unwrap();
        let t = Utc::now().timestamp();
        let claims = |iat: i64, nbf: Option<i64>| {
            let mut c = serde_json::json!({"iss": "http://x", "aud": AUDIENCE, "sub": "res_1", "role": "resident", "iat": iat, "exp": t + 600, "jti": "j"});
            if let Some(nbf) = nbf {
                c["nbf"] = nbf.into();
            }
            hs256(c)
        };
        assert!(jwt.verify(&claims(t - 5, Some(t - 5))).is_some(), "issued before this version");
        assert!(jwt.verify(&claims(t - 5, Some(t + 120))).is_none(), "not yet valid");
        assert!(jwt.verify(&claims(t - 5, None)).is_none(), "nbf is required");
        assert!(jwt.verify(&claims(t + 120, Some(t))).is_none(), "issued after the switch");
        let later = started + chrono::Duration::seconds(ACCESS_TOKEN_TTL.as_secs() as i64 + 60);
        let restarted = JwtKeys::load(conn, &keys, "http://x", Some(secret), later).unwrap();
        assert!(restarted.verify(&claims(t - 5, Some(t - 5))).is_none(), "the secret is retired once its tokens expired");
    }
}
