//! Access tokens: HS256 JWTs with the algorithm pinned and `iss`, `aud` and `exp` checked.

use std::time::Duration;

use chrono::Utc;
use jsonwebtoken::{Algorithm, DecodingKey, EncodingKey, Header, Validation};
use serde::{Deserialize, Serialize};

use crate::domain::role::{Principal, Role};

/// How long an access token lives.
pub const ACCESS_TOKEN_TTL: Duration = Duration::from_secs(10 * 60);
const AUDIENCE: &str = "ebill-api";

#[derive(Debug, Serialize, Deserialize)]
struct Claims {
    iss: String,
    aud: String,
    sub: String,
    role: Role,
    iat: i64,
    exp: i64,
    jti: String,
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
        validation.set_required_spec_claims(&["exp", "iss", "aud", "sub"]);
        validation.leeway = 5;
        Self {
            issuer: issuer.to_owned(),
            encoding: EncodingKey::from_secret(secret),
            decoding: DecodingKey::from_secret(secret),
            validation,
        }
    }

    /// A new access token for `principal`.
    pub fn issue(&self, principal: &Principal) -> Result<String, jsonwebtoken::errors::Error> {
        let now = Utc::now().timestamp();
        let claims = Claims {
            iss: self.issuer.clone(),
            aud: AUDIENCE.to_owned(),
            sub: principal.id.clone(),
            role: principal.role,
            iat: now,
            exp: now + ACCESS_TOKEN_TTL.as_secs() as i64,
            jti: crate::crypto::random_token(12),
        };
        jsonwebtoken::encode(&Header::new(Algorithm::HS256), &claims, &self.encoding)
    }

    /// The principal of a valid, unexpired token of this issuer; `None` for anything else.
    pub fn verify(&self, token: &str) -> Option<Principal> {
        let data = jsonwebtoken::decode::<Claims>(token, &self.decoding, &self.validation).ok()?;
        Some(Principal { role: data.claims.role, id: data.claims.sub })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_and_rejections() {
        let keys = JwtKeys::new(b"0123456789abcdef0123456789abcdef", "http://x");
        let p = Principal { role: Role::Operator, id: "opr_1".into() };
        let token = keys.issue(&p).unwrap();
        assert_eq!(keys.verify(&token), Some(p.clone()));
        let other = JwtKeys::new(b"another-secret-another-secret-xx", "http://x");
        assert_eq!(other.verify(&token), None);
        let other_issuer = JwtKeys::new(b"0123456789abcdef0123456789abcdef", "http://y");
        assert_eq!(other_issuer.verify(&token), None);
        // alg=none is refused: the algorithm is pinned.
        let parts: Vec<&str> = token.split('.').collect();
        let none = format!("eyJhbGciOiJub25lIiwidHlwIjoiSldUIn0.{}.", parts[1]);
        assert_eq!(keys.verify(&none), None);
    }
}
