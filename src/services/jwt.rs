//! Access tokens: HS256 JWTs with the algorithm pinned and `iss`, `aud`, `exp`, `nbf` and `iat`
//! checked; each names the login it belongs to (`sid`), so that revoking the login ends it.

use std::time::Duration;

use chrono::Utc;
use jsonwebtoken::{Algorithm, DecodingKey, EncodingKey, Header, Validation};
use serde::{Deserialize, Serialize};

use crate::domain::role::{Principal, Role};

/// How long an access token lives.
pub const ACCESS_TOKEN_TTL: Duration = Duration::from_secs(10 * 60);
const AUDIENCE: &str = "ebill-api";
/// Clock skew tolerated between the replica that issued a token and the one that checks it.
pub const LEEWAY_SECS: u64 = 5;

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
}

/// What a valid access token says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AccessToken {
    pub principal: Principal,
    /// The login it belongs to, if any.
    pub sid: Option<String>,
    /// When it was issued (unix seconds).
    pub issued_at: i64,
}

/// Signs and checks access tokens.
pub struct JwtKeys {
    issuer: String,
    encoding: EncodingKey,
    decoding: DecodingKey,
    validation: Validation,
}

impl JwtKeys {
    pub fn new(secret: &[u8], issuer: &str) -> Self {
        let mut validation = Validation::new(Algorithm::HS256);
        validation.set_issuer(&[issuer]);
        validation.set_audience(&[AUDIENCE]);
        validation.set_required_spec_claims(&["exp", "nbf", "iss", "aud", "sub"]);
        validation.validate_nbf = true;
        validation.leeway = LEEWAY_SECS;
        Self {
            issuer: issuer.to_owned(),
            encoding: EncodingKey::from_secret(secret),
            decoding: DecodingKey::from_secret(secret),
            validation,
        }
    }

    /// A new access token for `principal`, of the login `sid` if it has one.
    pub fn issue(&self, principal: &Principal, sid: Option<&str>) -> Result<String, jsonwebtoken::errors::Error> {
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
        };
        jsonwebtoken::encode(&Header::new(Algorithm::HS256), &claims, &self.encoding)
    }

    /// What a valid token of this issuer says: signed with this key, in force (`nbf`), unexpired,
    /// and not issued in the future; `None` for anything else.
    pub fn verify(&self, token: &str) -> Option<AccessToken> {
        let claims = jsonwebtoken::decode::<Claims>(token, &self.decoding, &self.validation).ok()?.claims;
        if claims.iat > Utc::now().timestamp() + LEEWAY_SECS as i64 {
            return None;
        }
        Some(AccessToken { principal: Principal { role: claims.role, id: claims.sub }, sid: claims.sid, issued_at: claims.iat })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_and_rejections() {
        let keys = JwtKeys::new(b"0123456789abcdef0123456789abcdef", "http://x");
        let p = Principal { role: Role::Operator, id: "opr_1".into() };
        let token = keys.issue(&p, Some("rtf_1")).unwrap();
        let verified = keys.verify(&token).unwrap();
        assert_eq!((verified.principal, verified.sid.as_deref()), (p.clone(), Some("rtf_1")));
        let other = JwtKeys::new(b"another-secret-another-secret-xx", "http://x");
        assert_eq!(other.verify(&token), None);
        let other_issuer = JwtKeys::new(b"0123456789abcdef0123456789abcdef", "http://y");
        assert_eq!(other_issuer.verify(&token), None);
        // alg=none is refused: the algorithm is pinned.
        let parts: Vec<&str> = token.split('.').collect();
        let none = format!("eyJhbGciOiJub25lIiwidHlwIjoiSldUIn0.{}.", parts[1]);
        assert_eq!(keys.verify(&none), None);
    }

    fn signed(claims: serde_json::Value) -> String {
        jsonwebtoken::encode(&Header::new(Algorithm::HS256), &claims, &EncodingKey::from_secret(b"0123456789abcdef0123456789abcdef"))
            .unwrap()
    }

    #[test]
    fn nbf_and_iat_are_checked() {
        let keys = JwtKeys::new(b"0123456789abcdef0123456789abcdef", "http://x");
        let now = Utc::now().timestamp();
        let claims = |iat: i64, nbf: Option<i64>| {
            let mut c = serde_json::json!({"iss": "http://x", "aud": AUDIENCE, "sub": "res_1", "role": "resident", "iat": iat, "exp": now + 600, "jti": "j"});
            if let Some(nbf) = nbf {
                c["nbf"] = nbf.into();
            }
            signed(c)
        };
        assert!(keys.verify(&claims(now, Some(now))).is_some());
        assert!(keys.verify(&claims(now, Some(now + 120))).is_none(), "not yet valid");
        assert!(keys.verify(&claims(now, None)).is_none(), "nbf is required");
        assert!(keys.verify(&claims(now + 120, Some(now))).is_none(), "issued in the future");
    }
}
