//! Auth extractors. Each looks the bearer token up on every request, so a revoked token
//! fails at once, without a restart.

use super::token;
use crate::error::{ApiError, blocking};
use crate::state::AppState;
use actix_web::dev::Payload;
use actix_web::http::header;
use actix_web::{FromRequest, HttpRequest, web};
use smarty_schema::store::Role;
use std::future::Future;
use std::pin::Pin;

/// Whoever sent the request: a named token with a role, or nobody.
#[derive(Debug, Clone)]
pub struct Caller {
    pub token_name: Option<String>,
    pub role: Option<Role>,
}

impl Caller {
    pub fn is_editor(&self) -> bool {
        self.role >= Some(Role::Editor)
    }

    fn require(self, min: Role) -> Result<Self, ApiError> {
        match self.role {
            None => Err(ApiError::Unauthorized(
                "This operation needs an API token: send Authorization: Bearer <token>.".into(),
            )),
            Some(r) if r < min => {
                Err(ApiError::Forbidden(format!("This operation needs the {min} role; the token has {r}.")))
            }
            Some(_) => Ok(self),
        }
    }
}

impl FromRequest for Caller {
    type Error = ApiError;
    type Future = Pin<Box<dyn Future<Output = Result<Self, ApiError>>>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let state = req.app_data::<web::Data<AppState>>().cloned();
        let header = req.headers().get(header::AUTHORIZATION).map(|h| h.to_str().map(str::to_owned));
        let req = req.clone();
        Box::pin(async move {
            let state = state.ok_or_else(|| ApiError::Internal("application state missing".into()))?;
            // Every refusal spends from the client address's budget of refused credentials.
            let refused = |message: &str| state.limits.refused(&req, ApiError::Unauthorized(message.into()));
            let value = match header {
                None => {
                    return Ok(Caller { token_name: None, role: None });
                }
                Some(Err(_)) => return Err(refused("The Authorization header is not readable text.")),
                Some(Ok(v)) => v,
            };
            let Some(presented) = value.strip_prefix("Bearer ").map(str::trim).filter(|t| !t.is_empty()) else {
                return Err(refused("Use the Bearer scheme: Authorization: Bearer <token>."));
            };
            let hash = token::hash(presented);
            let store = state.store.clone();
            let looked_up = blocking(move || store.token_role(&hash).map(|role| (hash, role))).await?;
            match looked_up {
                (hash, Some((name, role))) => {
                    state.limits.authenticated(hash)?;
                    Ok(Caller { token_name: Some(name), role: Some(role) })
                }
                (_, None) => Err(refused("The token is unknown or has been revoked.")),
            }
        })
    }
}

macro_rules! role_extractor {
    ($(#[$doc:meta])* $name:ident, $check:expr) => {
        $(#[$doc])*
        #[derive(Debug, Clone)]
        pub struct $name(pub Caller);

        impl FromRequest for $name {
            type Error = ApiError;
            type Future = Pin<Box<dyn Future<Output = Result<Self, ApiError>>>>;

            fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
                let public_read = req.app_data::<web::Data<AppState>>().is_some_and(|s| s.config.public_read);
                let caller = Caller::from_request(req, payload);
                Box::pin(async move {
                    let check: fn(Caller, bool) -> Result<Caller, ApiError> = $check;
                    check(caller.await?, public_read).map($name)
                })
            }
        }
    };
}

role_extractor!(
    /// May read published records: anyone when the node has `public_read`, else a reader token.
    Reader,
    |c, public_read| if public_read && c.role.is_none() { Ok(c) } else { c.require(Role::Reader) }
);
role_extractor!(
    /// May write the region's records.
    Editor,
    |c, _| c.require(Role::Editor)
);
role_extractor!(
    /// May administer the node.
    Admin,
    |c, _| c.require(Role::Admin)
);
