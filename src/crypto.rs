//! Secrets: argon2id password hashing, random tokens from the OS CSPRNG, SHA-256 and HMAC digests.

use argon2::password_hash::rand_core::OsRng;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::{Algorithm, Argon2, Params, Version};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use hmac::{Hmac, Mac};
use rand::RngCore;
use sha2::{Digest, Sha256};

/// Argon2id with OWASP's minimum (19 MiB memory, 2 iterations, 1 lane).
fn argon2() -> Argon2<'static> {
    let params = Params::new(19 * 1024, 2, 1, None).unwrap_or_default();
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
}

/// Hashes a password or client secret into a PHC string.
pub fn hash_password(password: &str) -> Result<String, argon2::password_hash::Error> {
    let salt = SaltString::generate(&mut OsRng);
    Ok(argon2().hash_password(password.as_bytes(), &salt)?.to_string())
}

/// Checks a password against a PHC string; a malformed stored hash never matches.
pub fn verify_password(password: &str, phc: &str) -> bool {
    PasswordHash::new(phc).is_ok_and(|hash| argon2().verify_password(password.as_bytes(), &hash).is_ok())
}

/// Spends the time of one verification, so that an unknown user answers as slowly as a known one.
pub fn burn_password_check(password: &str) {
    static DUMMY: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    let phc = DUMMY.get_or_init(|| hash_password("ebill-dummy-password").unwrap_or_default());
    let _ = verify_password(password, phc);
}

/// `bytes` random bytes from the OS CSPRNG, base64url without padding.
pub fn random_token(bytes: usize) -> String {
    let mut buf = vec![0u8; bytes];
    OsRng.fill_bytes(&mut buf);
    URL_SAFE_NO_PAD.encode(buf)
}

/// A uniformly random number below `bound`, from the OS CSPRNG.
pub fn random_below(bound: u64) -> u64 {
    use rand::Rng;
    rand::rngs::OsRng.gen_range(0..bound)
}

/// SHA-256 of `data` in lowercase hex: how high-entropy tokens are stored.
pub fn sha256_hex(data: &[u8]) -> String {
    hex::encode(Sha256::digest(data))
}

/// HMAC-SHA256 of `data` under `key`, in lowercase hex.
pub fn hmac_sha256_hex(key: &[u8], data: &[u8]) -> String {
    let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(key).unwrap_or_else(|_| unreachable!("HMAC takes any key length"));
    mac.update(data);
    hex::encode(mac.finalize().into_bytes())
}

/// Keys derived from the server's one master secret: one for keyed hashes of one-time codes, one
/// for sealing message bodies in the outbox.
#[derive(Clone)]
pub struct Keys {
    code: [u8; 32],
    seal: [u8; 32],
}

impl Keys {
    pub fn derive(master: &[u8]) -> Self {
        let sub = |label: &[u8]| -> [u8; 32] {
            let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(master).unwrap_or_else(|_| unreachable!("HMAC takes any key length"));
            mac.update(label);
            mac.finalize().into_bytes().into()
        };
        Self { code: sub(b"ebill/code-hash"), seal: sub(b"ebill/outbox-seal") }
    }

    /// The keyed hash a one-time code is stored as.
    pub fn code_hash(&self, context: &str, code: &str) -> String {
        hmac_sha256_hex(&self.code, format!("{context}\n{code}").as_bytes())
    }

    /// Encrypts (ChaCha20-Poly1305, random nonce) a message body for the outbox.
    pub fn seal(&self, plaintext: &str) -> String {
        use chacha20poly1305::aead::{Aead, KeyInit};
        let cipher = chacha20poly1305::ChaCha20Poly1305::new((&self.seal).into());
        let mut nonce = [0u8; 12];
        OsRng.fill_bytes(&mut nonce);
        let sealed = cipher.encrypt((&nonce).into(), plaintext.as_bytes()).unwrap_or_default();
        URL_SAFE_NO_PAD.encode([nonce.as_slice(), &sealed].concat())
    }

    /// Decrypts what `seal` made; `None` if it was not sealed with this key.
    pub fn open(&self, sealed: &str) -> Option<String> {
        use chacha20poly1305::aead::{Aead, KeyInit};
        let bytes = URL_SAFE_NO_PAD.decode(sealed).ok()?;
        if bytes.len() < 12 {
            return None;
        }
        let (nonce, body) = bytes.split_at(12);
        let cipher = chacha20poly1305::ChaCha20Poly1305::new((&self.seal).into());
        String::from_utf8(cipher.decrypt(nonce.into(), body).ok()?).ok()
    }
}

/// Compares two strings in time independent of where they differ.
pub fn constant_time_eq(a: &str, b: &str) -> bool {
    use subtle::ConstantTimeEq;
    a.len() == b.len() && bool::from(a.as_bytes().ct_eq(b.as_bytes()))
}

/// A one-time code of `digits` decimal digits from the OS CSPRNG.
pub fn numeric_code(digits: u32) -> String {
    format!("{:0width$}", random_below(10u64.pow(digits)), width = digits as usize)
}

/// A one-time code of 8 Crockford base-32 characters (40 bits), written `XXXX-XXXX`.
pub fn link_code() -> String {
    let chars = base32_chars::<8>();
    format!("{}-{}", &chars[..4], &chars[4..])
}

/// A document's verification code: 20 Crockford base-32 characters (100 bits), `XXXX-XXXX-XXXX-XXXX-XXXX`.
pub fn verification_code() -> String {
    let chars = base32_chars::<20>();
    chars.as_bytes().chunks(4).map(|c| String::from_utf8_lossy(c)).collect::<Vec<_>>().join("-")
}

/// `N` uniformly random Crockford base-32 characters from one read of the OS CSPRNG (each byte's low
/// five bits: 32 divides 256, so every character is equally likely).
fn base32_chars<const N: usize>() -> String {
    const ALPHABET: &[u8] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    let mut bytes = [0u8; N];
    OsRng.fill_bytes(&mut bytes);
    bytes.iter().map(|b| ALPHABET[usize::from(b & 31)] as char).collect()
}

/// A link code as typed (`abcd efgh`, `ABCD-EFGH`, `o`/`0`, `i`/`l`/`1`) in canonical form.
pub fn canonical_link_code(input: &str) -> String {
    let chars: String = input
        .chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .map(|c| match c.to_ascii_uppercase() {
            'O' => '0',
            'I' | 'L' => '1',
            c => c,
        })
        .collect();
    if chars.len() == 8 { format!("{}-{}", &chars[..4], &chars[4..]) } else { chars }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn password_round_trip() {
        let phc = hash_password("correct horse battery").unwrap();
        assert!(phc.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"));
        assert!(verify_password("correct horse battery", &phc));
        assert!(!verify_password("wrong", &phc));
        assert!(!verify_password("x", "not a hash"));
    }

    #[test]
    fn tokens_are_random_and_urlsafe() {
        let a = random_token(32);
        assert_eq!(a.len(), 43);
        assert_ne!(a, random_token(32));
        assert!(a.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_'));
    }

    #[test]
    fn sealing_round_trip_and_codes() {
        let keys = Keys::derive(b"master");
        let sealed = keys.seal("код 123456");
        assert!(!sealed.contains("123456"));
        assert_eq!(keys.open(&sealed).as_deref(), Some("код 123456"));
        assert_eq!(Keys::derive(b"other").open(&sealed), None);
        assert_ne!(keys.code_hash("v1", "123456"), keys.code_hash("v2", "123456"));
        let code = numeric_code(6);
        assert!(code.len() == 6 && code.chars().all(|c| c.is_ascii_digit()));
        let link = link_code();
        assert_eq!(canonical_link_code(&link.to_lowercase().replace('-', " ")), link);
        assert_eq!(canonical_link_code("oooo-iiii"), "0000-1111");
        assert!(constant_time_eq("abc", "abc") && !constant_time_eq("abc", "abd") && !constant_time_eq("abc", "ab"));
    }

    #[test]
    fn hmac_known_answer() {
        // RFC 4231 test case 2.
        assert_eq!(
            hmac_sha256_hex(b"Jefe", b"what do ya want for nothing?"),
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"
        );
    }
}
