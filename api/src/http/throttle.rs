//! Per-client request budgets (GCRA, by the `governor` crate): anonymous sign-ins, searches,
//! exports and federation requests by client address; refused credentials by client address;
//! valid credentials (API tokens, pinned peers) by credential, with a budget of their own so
//! that anonymous abuse from the same address never throttles a partner system or a peer.
//! Health probes have a budget of their own. A request over budget gets 429 problem+json with
//! `Retry-After`.

use crate::config::{LimitsConfig, Rate};
use crate::error::ApiError;
use actix_web::body::MessageBody;
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::{Method, header};
use actix_web::middleware::Next;
use actix_web::{HttpRequest, web};
use governor::clock::{Clock, DefaultClock};
use governor::{DefaultKeyedRateLimiter, Quota};
use std::hash::Hash;
use std::net::IpAddr;
use std::num::NonZeroU32;
use std::sync::Arc;

/// What an anonymous request is budgeted as.
#[derive(Debug, Clone, Copy)]
enum Class {
    SignIn,
    Search,
    Export,
    Federation,
    Probe,
}

#[derive(Clone)]
pub struct Limiter {
    inner: Arc<Inner>,
}

struct Inner {
    sign_in: DefaultKeyedRateLimiter<IpAddr>,
    search: DefaultKeyedRateLimiter<IpAddr>,
    export: DefaultKeyedRateLimiter<IpAddr>,
    federation: DefaultKeyedRateLimiter<IpAddr>,
    probes: DefaultKeyedRateLimiter<IpAddr>,
    auth_failures: DefaultKeyedRateLimiter<IpAddr>,
    authenticated: DefaultKeyedRateLimiter<String>,
    trusted_proxies: Vec<IpAddr>,
    forwarded_header: header::HeaderName,
}

fn limiter<K: Hash + Eq + Clone>(rate: Rate) -> DefaultKeyedRateLimiter<K> {
    let per_minute = NonZeroU32::new(rate.per_minute).unwrap_or(NonZeroU32::MIN);
    let burst = NonZeroU32::new(rate.burst).unwrap_or(NonZeroU32::MIN);
    governor::RateLimiter::keyed(Quota::per_minute(per_minute).allow_burst(burst))
}

fn check<K: Hash + Eq + Clone>(limiter: &DefaultKeyedRateLimiter<K>, key: &K, what: &str) -> Result<(), ApiError> {
    limiter.check_key(key).map_err(|not_until| {
        let wait = not_until.wait_time_from(DefaultClock::default().now());
        ApiError::TooManyRequests { retry_after_secs: wait.as_secs() + 1, what: what.to_string() }
    })
}

impl Limiter {
    pub fn new(config: &LimitsConfig) -> Limiter {
        let forwarded_header = header::HeaderName::from_bytes(config.forwarded_header.to_ascii_lowercase().as_bytes())
            .unwrap_or(header::X_FORWARDED_FOR);
        Limiter {
            inner: Arc::new(Inner {
                sign_in: limiter(config.sign_in),
                search: limiter(config.search),
                export: limiter(config.export),
                federation: limiter(config.federation),
                probes: limiter(config.probes),
                auth_failures: limiter(config.auth_failures),
                authenticated: limiter(config.authenticated),
                trusted_proxies: config.trusted_proxies.clone(),
                forwarded_header,
            }),
        }
    }

    /// The client's address: the connection's, or, from a trusted proxy, the last address
    /// in its forwarded header that is not itself a trusted proxy.
    pub fn client_ip(&self, req: &HttpRequest) -> IpAddr {
        let peer = req.peer_addr().map_or(IpAddr::from([0, 0, 0, 0]), |a| a.ip());
        if !self.inner.trusted_proxies.contains(&peer) {
            return peer;
        }
        let forwarded = req.headers().get_all(&self.inner.forwarded_header).filter_map(|v| v.to_str().ok());
        let hops: Vec<IpAddr> =
            forwarded.flat_map(|v| v.split(',')).filter_map(|hop| hop.trim().parse::<IpAddr>().ok()).collect();
        hops.into_iter().rev().find(|ip| !self.inner.trusted_proxies.contains(ip)).unwrap_or(peer)
    }

    /// A token was refused: counts against the client's address; past the budget the answer
    /// becomes 429 instead of the 401.
    pub fn refused(&self, req: &HttpRequest, error: ApiError) -> ApiError {
        self.note_refusal(req).err().unwrap_or(error)
    }

    /// Spends one refusal from the client address's budget; `Err` (429) once it is spent.
    pub fn note_refusal(&self, req: &HttpRequest) -> Result<(), ApiError> {
        check(&self.inner.auth_failures, &self.client_ip(req), "refused credentials from this address")
    }

    /// A valid credential (a token's hash, or `peer:<region>`) spends from its own budget.
    pub fn authenticated(&self, credential: String) -> Result<(), ApiError> {
        check(&self.inner.authenticated, &credential, "requests with this credential")
    }

    /// Forgets clients that have been quiet long enough to have a full budget again.
    pub fn housekeep(&self) {
        let i = &self.inner;
        for l in [&i.sign_in, &i.search, &i.export, &i.federation, &i.probes, &i.auth_failures] {
            l.retain_recent();
            l.shrink_to_fit();
        }
        i.authenticated.retain_recent();
        i.authenticated.shrink_to_fit();
    }

    fn anonymous(&self, req: &HttpRequest, class: Class) -> Result<(), ApiError> {
        let ip = self.client_ip(req);
        let i = &self.inner;
        match class {
            Class::SignIn => check(&i.sign_in, &ip, "sign-in attempts from this address"),
            Class::Search => check(&i.search, &ip, "searches without a token from this address"),
            Class::Export => check(&i.export, &ip, "exports without a token from this address"),
            Class::Federation => check(&i.federation, &ip, "federation requests without a token from this address"),
            Class::Probe => check(&i.probes, &ip, "health probes from this address"),
        }
    }
}

/// Which budget an anonymous request spends; `None`: not budgeted here.
fn classify(method: &Method, path: &str) -> Option<Class> {
    match (method, path) {
        (&Method::POST, "/sign-in") => Some(Class::SignIn),
        (&Method::GET | &Method::HEAD, "/" | "/api/v1/catalogue/search" | "/api/v1/catalogue/feed.atom") => {
            Some(Class::Search)
        }
        // A record's page and its similar practices each run a query of the index.
        (&Method::GET | &Method::HEAD, p) if p.starts_with("/records/") || p.ends_with("/similar") => {
            Some(Class::Search)
        }
        (&Method::GET | &Method::HEAD, "/api/v1/catalogue/export") => Some(Class::Export),
        // A harvest is a run of pages, each no dearer than a search.
        (_, "/oai") => Some(Class::Search),
        (_, p) if p.starts_with("/federation/") || p.starts_with("/.well-known/") => Some(Class::Federation),
        (_, "/healthz" | "/readyz") => Some(Class::Probe),
        _ => None,
    }
}

/// Middleware: anonymous requests of a budgeted kind spend from their address's budget.
/// Requests with credentials are budgeted where the credentials are checked (the auth
/// extractors), so a valid token never shares a budget with anonymous traffic. Sign-in is
/// always budgeted by address: its credential travels in the form.
pub async fn middleware(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<impl MessageBody>, actix_web::Error> {
    if let Some(class) = classify(req.method(), req.path()) {
        let has_credentials = req.headers().contains_key(header::AUTHORIZATION);
        if (matches!(class, Class::SignIn) || !has_credentials)
            && let Some(limits) = req.app_data::<web::Data<Limiter>>()
            && let Err(refused) = limits.anonymous(req.request(), class)
        {
            // A response, not an error: the layers outside see the request it answers (a
            // browser's refusal becomes a page).
            return Ok(req.error_response(refused).map_into_right_body());
        }
    }
    next.call(req).await.map(ServiceResponse::map_into_left_body)
}
