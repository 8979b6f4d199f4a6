//! The peer extractor: a federation handler that takes `Peer` is reachable only with a valid
//! peer token. Every check that fails is named in the 401's `detail`, except which of issuer,
//! key id and signature failed (that would reveal the pinned peers).

use super::token::{LEEWAY_SECS, MAX_LIFETIME_SECS, TOKEN_TYPE};
use crate::error::{ApiError, blocking};
use crate::state::AppState;
use actix_web::dev::Payload;
use actix_web::http::header;
use actix_web::{FromRequest, HttpRequest, web};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use jsonwebtoken::{Algorithm, DecodingKey, Validation};
use serde::Deserialize;
use serde::de::{DeserializeOwned, IgnoredAny};
use smarty_schema::signing::JwkSet;
use smarty_schema::signing::keychain::{KeyChain, KeyUseError};
use std::collections::BTreeMap;
use std::future::Future;
use std::pin::Pin;

/// A configured peer whose token checked out.
#[derive(Debug, Clone)]
pub struct Peer {
    pub region: String,
}

impl FromRequest for Peer {
    type Error = ApiError;
    type Future = Pin<Box<dyn Future<Output = Result<Self, ApiError>>>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let state = req.app_data::<web::Data<AppState>>().cloned();
        let token = req
            .headers()
            .get(header::AUTHORIZATION)
            .and_then(|h| h.to_str().ok())
            .and_then(|h| h.strip_prefix("Bearer "))
            .map(|t| t.trim().to_string());
        let method = req.method().as_str().to_string();
        let path = req.path().to_string();
        let req = req.clone();
        Box::pin(async move {
            let state = state.ok_or_else(|| ApiError::Internal("application state missing".into()))?;
            let token = token.ok_or_else(|| unauthorized("peer requests need Authorization: Bearer <peer JWT>"))?;
            let htu = format!("{}{}", state.config.public_base(), path);
            match verify(&state, &token, &method, &htu).await {
                Ok(peer) => {
                    // A pinned peer has a budget of its own, untouched by anonymous traffic.
                    state.limits.authenticated(format!("peer:{}", peer.region))?;
                    Ok(peer)
                }
                Err(e @ ApiError::Unauthorized(_)) => Err(state.limits.refused(&req, e)),
                Err(e) => Err(e),
            }
        })
    }
}

fn unauthorized(check: &str) -> ApiError {
    ApiError::Unauthorized(format!("Peer token refused: {check}."))
}

/// A peer token's JOSE header, as far as the checks go.
#[derive(Deserialize)]
struct Header {
    typ: Option<String>,
    alg: Option<String>,
    kid: Option<String>,
    /// Members that would take keys from the token itself: present means refused.
    #[serde(flatten)]
    others: BTreeMap<String, IgnoredAny>,
}

/// A peer token's claims, each optional so that a missing one is named.
#[derive(Deserialize)]
struct Claims {
    iss: Option<String>,
    aud: Option<Audience>,
    exp: Option<NumericDate>,
    iat: Option<NumericDate>,
    jti: Option<String>,
    htm: Option<String>,
    htu: Option<String>,
}

/// `aud`: one region, alone or in a list of one.
#[derive(Deserialize)]
#[serde(untagged)]
enum Audience {
    One(String),
    List(Vec<String>),
}

/// A NumericDate claim, or whatever else was sent in its place (to say so).
#[derive(Deserialize)]
#[serde(untagged)]
enum NumericDate {
    Seconds(i64),
    NotANumber(IgnoredAny),
}

/// The JSON object in segment `i` of a compact JWS.
fn segment<T: DeserializeOwned>(token: &str, i: usize) -> Result<T, ApiError> {
    let part = token.split('.').nth(i).ok_or_else(|| unauthorized("the token is not a JWS compact serialisation"))?;
    let bytes = URL_SAFE_NO_PAD.decode(part).map_err(|_| unauthorized("a token segment is not base64url"))?;
    let Ok(serde_json::Value::Object(object)) = serde_json::from_slice(&bytes) else {
        return Err(unauthorized("a token segment is not a JSON object"));
    };
    serde_json::from_value(serde_json::Value::Object(object))
        .map_err(|e| unauthorized(&format!("a token member has the wrong type ({e})")))
}

async fn verify(state: &AppState, token: &str, method: &str, htu: &str) -> Result<Peer, ApiError> {
    if token.split('.').count() != 3 {
        return Err(unauthorized("the token is not a JWS compact serialisation"));
    }
    let header: Header = segment(token, 0)?;
    if header.typ.as_deref() != Some(TOKEN_TYPE) {
        return Err(unauthorized(&format!("typ must be {TOKEN_TYPE}")));
    }
    match header.alg.as_deref() {
        Some("EdDSA") => {}
        other => {
            return Err(unauthorized(&format!("alg {} is not accepted: EdDSA only", other.unwrap_or("(missing)"))));
        }
    }
    for member in ["jwk", "jku", "x5u", "x5c", "x5t", "x5t#S256", "crit"] {
        if header.others.contains_key(member) {
            return Err(unauthorized(&format!(
                "the header carries {member}: keys are pinned, never taken from a token"
            )));
        }
    }
    let kid = header.kid.ok_or_else(|| unauthorized("kid is missing"))?;
    let claims: Claims = segment(token, 1)?;
    let iss = claims.iss.ok_or_else(|| unauthorized("iss is missing"))?;

    // An unknown issuer, an unknown kid and a bad signature get one answer: telling them
    // apart would tell anyone which regions this node pins.
    let not_verified = || unauthorized("no key pinned for this iss and kid verifies the signature");
    let store = state.store.clone();
    let issuer = iss.clone();
    let found = blocking(move || {
        let Some(peer) = store.get_peer(&issuer)? else { return Ok(None) };
        Ok(Some((peer, store.statements(Some(&issuer))?)))
    })
    .await?;
    let (peer, statements) = found.ok_or_else(not_verified)?;
    let jwks: JwkSet =
        serde_json::from_str(&peer.jwks).map_err(|e| ApiError::Internal(format!("pinned keys of {iss}: {e}")))?;
    // The pinned keys, and those the issuer's rotations chain to them; a token is signed by
    // a key in use now (neither retired nor revoked).
    let chain = KeyChain::resolve(&iss, &jwks, &statements);
    if let Err(refused @ (KeyUseError::Retired { .. } | KeyUseError::Revoked { .. })) = chain.may_sign(&kid, None) {
        return Err(unauthorized(&refused.to_string()));
    }
    let jwk = chain.keys().iter().map(|k| &k.jwk).find(|k| k.kid == kid).ok_or_else(not_verified)?;
    let key = DecodingKey::from_ed_components(&jwk.x).map_err(|_| not_verified())?;
    let mut validation = Validation::new(Algorithm::EdDSA);
    // Claims are checked below, each with its own message; here only the signature.
    validation.validate_exp = false;
    validation.validate_aud = false;
    validation.required_spec_claims.clear();
    jsonwebtoken::decode::<IgnoredAny>(token, &key, &validation).map_err(|_| not_verified())?;

    let aud_ok = match &claims.aud {
        Some(Audience::One(a)) => *a == state.config.region,
        Some(Audience::List(list)) => list.len() == 1 && list[0] == state.config.region,
        None => false,
    };
    if !aud_ok {
        return Err(unauthorized(&format!("aud must be {}", state.config.region)));
    }
    let number = |name: &str, claim: Option<NumericDate>| match claim {
        None => Err(unauthorized(&format!("{name} is missing"))),
        Some(NumericDate::Seconds(n)) => Ok(n),
        Some(NumericDate::NotANumber(_)) => Err(unauthorized(&format!("{name} must be a NumericDate (a number)"))),
    };
    let (exp, iat) = (number("exp", claims.exp)?, number("iat", claims.iat)?);
    let now = chrono::Utc::now().timestamp();
    if exp - iat > MAX_LIFETIME_SECS || exp < iat {
        return Err(unauthorized(&format!("the lifetime exp - iat must be 0 to {MAX_LIFETIME_SECS} s")));
    }
    if now > exp + LEEWAY_SECS {
        return Err(unauthorized("the token has expired (exp)"));
    }
    if iat > now + LEEWAY_SECS {
        return Err(unauthorized("iat is in the future"));
    }
    let jti = claims.jti.filter(|j| !j.is_empty() && j.len() <= 200);
    let jti = jti.ok_or_else(|| unauthorized("jti is missing"))?;
    if claims.htm.as_deref() != Some(method) {
        return Err(unauthorized(&format!("htm must be {method}, the method of this request")));
    }
    if claims.htu.as_deref() != Some(htu) {
        return Err(unauthorized(&format!("htu must be {htu}, the URL of this request")));
    }
    let store = state.store.clone();
    let issuer = iss.clone();
    let fresh = blocking(move || store.remember_token(&jti, &issuer, exp + LEEWAY_SECS, now)).await?;
    if !fresh {
        return Err(unauthorized("jti was already used (replay)"));
    }
    Ok(Peer { region: iss })
}
