//! Sending one message: the destination checked (no private, loopback or link-local address
//! unless the operator allows them, checked on the address actually connected to, so a name
//! that resolves elsewhere later cannot slip in), signed as Standard Webhooks specifies, POSTed
//! with connect and total timeouts and no redirects followed.

use crate::config::WebhooksConfig;
use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use hmac::Mac;
use std::net::{IpAddr, SocketAddr};
use std::time::{Duration, Instant};

/// A new subscription's secret: `whsec_` and base64 of 32 random bytes.
pub fn new_secret() -> String {
    let bytes: [u8; 32] = rand::random();
    format!("whsec_{}", STANDARD.encode(bytes))
}

/// The `webhook-signature` of a message: `v1,` and base64 of HMAC-SHA256 over
/// `id.timestamp.body` with the secret's bytes.
pub fn signature(secret: &str, id: &str, timestamp: i64, body: &[u8]) -> String {
    // A secret the node made always decodes; anything else signs with its raw bytes rather
    // than with nothing.
    let key = STANDARD.decode(secret.trim_start_matches("whsec_")).unwrap_or_else(|_| secret.as_bytes().to_vec());
    let mut mac = hmac::Hmac::<sha2::Sha256>::new_from_slice(&key).expect("any key length");
    mac.update(format!("{id}.{timestamp}.").as_bytes());
    mac.update(body);
    format!("v1,{}", STANDARD.encode(mac.finalize().into_bytes()))
}

/// Whether an address is one a subscription may not reach without the operator's leave:
/// private, loopback, link-local, unique-local, unspecified, multicast, shared or documentation.
pub fn is_internal(ip: IpAddr) -> bool {
    match ip {
        IpAddr::V4(v4) => {
            let [a, b, ..] = v4.octets();
            v4.is_private()
                || v4.is_loopback()
                || v4.is_link_local()
                || v4.is_unspecified()
                || v4.is_broadcast()
                || v4.is_multicast()
                || v4.is_documentation()
                || (a == 100 && (64..128).contains(&b)) // shared address space (RFC 6598)
                || (a == 192 && b == 0 && v4.octets()[2] == 0) // IETF protocol assignments
                || (a == 198 && (18..20).contains(&b)) // benchmarking
                || a >= 240 // reserved
                || a == 0
        }
        IpAddr::V6(v6) => {
            if let Some(v4) = v6.to_ipv4_mapped() {
                return is_internal(IpAddr::V4(v4));
            }
            let s = v6.segments();
            let first = s[0];
            // Addresses that carry an IPv4 one (IPv4-compatible, NAT64, 6to4, Teredo) and the
            // documentation and old site-local ranges are not destinations either.
            let embeds_v4 = (s[..6] == [0; 6] && !v6.is_loopback() && !v6.is_unspecified())
                || (s[0] == 0x64 && s[1] == 0xff9b)
                || first == 0x2002
                || (first == 0x2001 && s[1] == 0);
            embeds_v4
                || (first == 0x2001 && s[1] == 0x0db8)
                || (first & 0xffc0) == 0xfec0
                || v6.is_loopback()
                || v6.is_unspecified()
                || v6.is_multicast()
                || (first & 0xfe00) == 0xfc00 // unique local
                || (first & 0xffc0) == 0xfe80 // link-local
        }
    }
}

/// Why a URL cannot be a destination, checked before anything is sent.
pub fn check_url(url: &str) -> Result<url::Url, String> {
    let parsed = url::Url::parse(url).map_err(|e| format!("is not an absolute URL: {e}"))?;
    if !matches!(parsed.scheme(), "https" | "http") {
        return Err("must be an https:// or http:// URL".into());
    }
    if !parsed.username().is_empty() || parsed.password().is_some() {
        return Err("must not carry credentials".into());
    }
    if parsed.host_str().is_none_or(str::is_empty) {
        return Err("names no host".into());
    }
    Ok(parsed)
}

/// The addresses a URL's host names, each allowed: a destination with an internal one is
/// refused whole, unless the operator allows internal destinations.
pub async fn resolve(url: &url::Url, config: &WebhooksConfig) -> Result<Vec<SocketAddr>, String> {
    let host = url.host_str().ok_or("names no host")?.trim_start_matches('[').trim_end_matches(']').to_string();
    let port = url.port_or_known_default().ok_or("names no port")?;
    let addrs: Vec<SocketAddr> = match host.parse::<IpAddr>() {
        Ok(ip) => vec![SocketAddr::new(ip, port)],
        Err(_) => tokio::net::lookup_host((host.as_str(), port))
            .await
            .map_err(|e| format!("cannot resolve {host}: {e}"))?
            .collect(),
    };
    if addrs.is_empty() {
        return Err(format!("{host} resolves to no address"));
    }
    if !config.allow_private
        && let Some(internal) = addrs.iter().find(|a| is_internal(a.ip()))
    {
        return Err(format!(
            "{host} resolves to {}, in a private, loopback or link-local range: not a destination unless \
             [webhooks] allow_private is set",
            internal.ip()
        ));
    }
    Ok(addrs)
}

/// What became of one attempt.
#[derive(Debug)]
pub struct Outcome {
    pub status: Option<u16>,
    pub error: Option<String>,
    pub latency: Duration,
}

impl Outcome {
    /// The attempt as it is recorded among the subscription's deliveries.
    pub fn attempt(
        &self,
        webhook_id: &str,
        message_id: String,
        event: super::model::EventType,
        seq: i64,
        attempt: i64,
        at: chrono::DateTime<chrono::Utc>,
    ) -> smarty_schema::store::DeliveryRow {
        smarty_schema::store::DeliveryRow {
            id: uuid::Uuid::now_v7().to_string(),
            webhook_id: webhook_id.to_string(),
            message_id,
            event: event.as_str().into(),
            seq,
            attempt,
            at: smarty_schema::timestamp::format(at),
            status_code: self.status.map(i64::from),
            error: self.error.clone(),
            latency_ms: self.latency.as_millis().try_into().unwrap_or(i64::MAX),
        }
    }

    /// Acknowledged: a 2xx.
    pub fn delivered(&self) -> bool {
        self.status.is_some_and(|s| (200..300).contains(&s))
    }
}

/// POSTs one signed message to `url`.
pub async fn send(config: &WebhooksConfig, url: &str, secret: &str, id: &str, body: &[u8]) -> Outcome {
    let started = Instant::now();
    let failed = |error: String| Outcome { status: None, error: Some(error), latency: started.elapsed() };
    let parsed = match check_url(url) {
        Ok(u) => u,
        Err(e) => return failed(format!("the URL {e}")),
    };
    let addrs = match resolve(&parsed, config).await {
        Ok(a) => a,
        Err(e) => return failed(e),
    };
    let host = parsed.host_str().unwrap_or_default().to_string();
    // Connected to the addresses checked, and to nothing a second resolution might give.
    let client = match reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        // A proxy would resolve the name again, past the check and the pinned address.
        .no_proxy()
        .connect_timeout(Duration::from_secs(config.connect_timeout_secs))
        .timeout(Duration::from_secs(config.timeout_secs))
        .resolve_to_addrs(&host, &addrs)
        .user_agent(concat!("smarty-exchange/", env!("CARGO_PKG_VERSION"), " (webhooks)"))
        .build()
    {
        Ok(c) => c,
        Err(e) => return failed(format!("cannot make an HTTP client: {e}")),
    };
    let timestamp = chrono::Utc::now().timestamp();
    let answer = client
        .post(parsed)
        .header("content-type", "application/json")
        .header("webhook-id", id)
        .header("webhook-timestamp", timestamp.to_string())
        .header("webhook-signature", signature(secret, id, timestamp, body))
        .body(body.to_vec())
        .send()
        .await;
    match answer {
        Ok(res) => {
            let status = res.status().as_u16();
            let error = (!res.status().is_success()).then(|| format!("answered {status}"));
            Outcome { status: Some(status), error, latency: started.elapsed() }
        }
        Err(e) if e.is_timeout() => failed("no answer within the timeout".into()),
        Err(e) if e.is_connect() => failed(format!("cannot connect: {e}")),
        Err(e) => failed(format!("the request failed: {e}")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn internal_ranges_are_refused_and_the_rest_allowed() {
        for internal in [
            "10.1.2.3",
            "172.16.0.1",
            "192.168.1.1",
            "127.0.0.1",
            "169.254.169.254",
            "0.0.0.0",
            "100.64.0.1",
            "::1",
            "fe80::1",
            "fd00::1",
            "::ffff:127.0.0.1",
            "224.0.0.1",
            "198.18.0.1",
            "240.0.0.1",
            "192.0.0.8",
            "64:ff9b::a00:1",
            "2002:a00:1::1",
            "2001:0:a00:1::1",
            "::10.0.0.1",
            "2001:db8::1",
            "fec0::1",
        ] {
            assert!(is_internal(internal.parse().unwrap()), "{internal}");
        }
        for public in ["93.184.216.34", "2a00:1450:4001:82a::200e", "8.8.8.8"] {
            assert!(!is_internal(public.parse().unwrap()), "{public}");
        }
    }

    #[test]
    fn urls_are_absolute_web_addresses_without_credentials() {
        assert!(check_url("https://partner.example/hooks").is_ok());
        for bad in ["ftp://partner.example/", "https://user:pw@partner.example/", "/hooks", "https://"] {
            assert!(check_url(bad).is_err(), "{bad}");
        }
    }
}
