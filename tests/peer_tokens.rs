//! Attacks on the peer token of `/federation/v1/changes`: each is refused, 401 naming the
//! failed check (with the server's clock); an unknown caller is answered as a bad signature is.

use crate::support::peer::{Identity, pin};
use crate::support::{Backend, TestNode};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use serde_json::{Value, json};

const FEED: &str = "/federation/v1/changes";

fn unsigned(header: &Value, claims: &Value, signature: &[u8]) -> String {
    format!(
        "{}.{}.{}",
        URL_SAFE_NO_PAD.encode(header.to_string()),
        URL_SAFE_NO_PAD.encode(claims.to_string()),
        URL_SAFE_NO_PAD.encode(signature)
    )
}

/// Returns the problem's detail, to compare answers.
async fn expect_refused(node: &TestNode, token: &str, status: u16, check: &str) -> String {
    let res = node.client().get(FEED, Some(token)).await;
    let kind = if status == 401 { "unauthorized" } else { "forbidden" };
    let problem = res.expect_problem(status, kind);
    let detail = problem["detail"].as_str().unwrap();
    assert!(detail.contains(check), "expected the detail to name {check:?}: {detail}");
    if status == 401 {
        assert!(problem["server_time"].is_string(), "401s carry the server's clock");
    }
    detail.to_string()
}

#[tokio::test]
async fn forged_and_misused_tokens_are_refused() {
    // Dozens of refused tokens in a row from one address: a budget that lets them all be judged.
    let limits = "[limits]\nauth_failures = { per_minute = 600, burst = 200 }";
    let mut node = TestNode::start_configured(Backend::Sqlite, "leeds", &[], limits).await;
    let peer = TestNode::start_with(Backend::Sqlite, "tuscany", &[]).await;
    let other = TestNode::start_with(Backend::Sqlite, "lapland", &[]).await;
    pin(&node, &peer, false);
    pin(&node, &other, false);
    let me = Identity::of(&peer);
    let them = Identity::of(&other);
    let now = chrono::Utc::now().timestamp();
    let valid_claims = me.claims(&node, "GET", FEED);

    // The genuine article works.
    let ok = me.token(&node, FEED);
    node.client().get(FEED, Some(&ok)).await.expect(200);

    let with = |f: &dyn Fn(&mut Value, &mut Value)| {
        let (mut h, mut c) = (me.header(), me.claims(&node, "GET", FEED));
        f(&mut h, &mut c);
        me.sign(&h, &c)
    };

    // Algorithms other than EdDSA, whatever the signature.
    let none = unsigned(&json!({"alg": "none", "typ": "smarty-peer+jwt", "kid": me.kid}), &valid_claims, b"");
    expect_refused(&node, &none, 401, "alg none").await;
    let hs256 = {
        let mut header = jsonwebtoken::Header::new(jsonwebtoken::Algorithm::HS256);
        header.typ = Some("smarty-peer+jwt".into());
        header.kid = Some(me.kid.clone());
        let secret = jsonwebtoken::EncodingKey::from_secret(me.key.verifying_key().as_bytes());
        jsonwebtoken::encode(&header, &me.claims(&node, "GET", FEED), &secret).unwrap()
    };
    expect_refused(&node, &hs256, 401, "alg HS256").await;
    let rs256 = unsigned(&json!({"alg": "RS256", "typ": "smarty-peer+jwt", "kid": me.kid}), &valid_claims, &[7; 256]);
    expect_refused(&node, &rs256, 401, "alg RS256").await;

    // Keys are pinned, never taken from the token.
    let jwk = with(&|h, _| h["jwk"] = me.jwk());
    expect_refused(&node, &jwk, 401, "jwk").await;
    let jku = with(&|h, _| h["jku"] = json!("https://attacker.example/jwks.json"));
    expect_refused(&node, &jku, 401, "jku").await;
    let x5u = with(&|h, _| h["x5u"] = json!("https://attacker.example/cert.pem"));
    expect_refused(&node, &x5u, 401, "x5u").await;
    let typ = with(&|h, _| h["typ"] = json!("JWT"));
    expect_refused(&node, &typ, 401, "typ").await;
    let unknown_kid = with(&|h, _| h["kid"] = json!("not-a-pinned-key"));
    expect_refused(&node, &unknown_kid, 401, "kid").await;
    // Lapland's key and kid, claiming to be Tuscany.
    let mut claims = me.claims(&node, "GET", FEED);
    claims["iss"] = json!("tuscany");
    let borrowed = them.sign(&them.header(), &claims);
    expect_refused(&node, &borrowed, 401, "no key pinned for this iss and kid").await;
    // Tuscany's kid, signed by Lapland's key.
    let mut header = me.header();
    header["kid"] = json!(me.kid);
    let wrong_signature = them.sign(&header, &me.claims(&node, "GET", FEED));
    expect_refused(&node, &wrong_signature, 401, "signature").await;

    // Claims.
    let aud = with(&|_, c| c["aud"] = json!("lapland"));
    expect_refused(&node, &aud, 401, "aud").await;
    let expired = with(&|_, c| {
        c["iat"] = json!(now - 400);
        c["exp"] = json!(now - 100);
    });
    expect_refused(&node, &expired, 401, "expired").await;
    let exp_string = with(&|_, c| c["exp"] = json!((now + 60).to_string()));
    expect_refused(&node, &exp_string, 401, "exp must be a NumericDate").await;
    let no_exp = with(&|_, c| drop(c.as_object_mut().unwrap().remove("exp")));
    expect_refused(&node, &no_exp, 401, "exp is missing").await;
    let no_jti = with(&|_, c| drop(c.as_object_mut().unwrap().remove("jti")));
    expect_refused(&node, &no_jti, 401, "jti").await;
    let future = with(&|_, c| {
        c["iat"] = json!(now + 200);
        c["exp"] = json!(now + 300);
    });
    expect_refused(&node, &future, 401, "future").await;
    let long_lived = with(&|_, c| c["exp"] = json!(now + 3600));
    expect_refused(&node, &long_lived, 401, "lifetime").await;
    // The leeway never stretches the lifetime: 300 s plus a little is still too long.
    let stretched = with(&|_, c| c["exp"] = json!(c["iat"].as_i64().unwrap() + 330));
    expect_refused(&node, &stretched, 401, "lifetime").await;
    let htm = with(&|_, c| c["htm"] = json!("POST"));
    expect_refused(&node, &htm, 401, "htm").await;
    let htu = with(&|_, c| c["htu"] = json!(node.url("/api/v1/case-studies")));
    expect_refused(&node, &htu, 401, "htu").await;

    // A replayed token, also after a restart (the replay cache is stored).
    expect_refused(&node, &ok, 401, "replay").await;
    node.restart();
    let again = me.token(&node, FEED);
    node.client().get(FEED, Some(&again)).await.expect(200);
    expect_refused(&node, &again, 401, "replay").await;

    // Callers that are not peers: unknown, and removed (at once, no restart).
    let stranger = Identity::generate("slovenia", 9);
    // An unknown issuer is told exactly what a bad signature is told: nothing about who is pinned.
    let unknown = expect_refused(&node, &stranger.token(&node, FEED), 401, "no key pinned").await;
    let mut forged = me.claims(&node, "GET", FEED);
    forged["jti"] = json!("forged-signature");
    let bad_signature = expect_refused(&node, &them.sign(&me.header(), &forged), 401, "no key pinned").await;
    assert_eq!(unknown, bad_signature, "an unknown issuer and a bad signature must be answered alike");
    assert!(node.smarty(&["peers", "remove", "tuscany"]).status.success());
    expect_refused(&node, &me.token(&node, FEED), 401, "no key pinned").await;
    node.client().get(FEED, None).await.expect_problem(401, "unauthorized");
    node.client().get(FEED, Some("garbage")).await.expect_problem(401, "unauthorized");
}

#[tokio::test]
async fn rotated_keys_stay_valid_until_they_expire() {
    let mut a = TestNode::start_with(Backend::Sqlite, "leeds", &[]).await;
    let b = TestNode::start_with(Backend::Sqlite, "tuscany", &[]).await;
    pin(&a, &b, false);
    pin(&b, &a, true); // B pins A's current (soon old) key set.
    let old_kid = Identity::of(&a).kid;
    a.client()
        .post(
            "/api/v1/case-studies",
            Some(&a.editor),
            &crate::support::samples::published(crate::support::samples::case_study("Before")),
        )
        .await
        .expect(201);

    let out = a.smarty(&["keys", "rotate"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    a.restart();
    let new_kid = Identity::of(&a).kid;
    assert_ne!(old_kid, new_kid);
    let jwks = a.get("/.well-known/jwks.json", None).await.json();
    let kids: Vec<&str> = jwks["keys"].as_array().unwrap().iter().map(|k| k["kid"].as_str().unwrap()).collect();
    assert_eq!(kids, [new_kid.as_str(), old_kid.as_str()], "active first, the retired one still published");
    let shown = String::from_utf8(a.smarty(&["keys", "show"]).stdout).unwrap();
    assert_eq!(serde_json::from_str::<Value>(&shown).unwrap(), jwks);
    let mode = std::os::unix::fs::PermissionsExt::mode(
        &std::fs::metadata(a.dir.path().join("node.key")).unwrap().permissions(),
    );
    assert_eq!(mode & 0o777, 0o600);

    // B, with only the old key pinned, follows the rotation statement in A's feed: what the
    // new key signs verifies too, without anybody exchanging files.
    let old_file = b.dir.path().join("old.jwks");
    std::fs::write(&old_file, json!({"keys": [jwks["keys"][1]]}).to_string()).unwrap();
    assert!(
        b.smarty(&["peers", "add", "--region", "leeds", "--url", &a.base, "--jwks", old_file.to_str().unwrap()])
            .status
            .success()
    );
    let after = crate::support::samples::published(crate::support::samples::case_study("After"));
    a.client().post("/api/v1/case-studies", Some(&a.editor), &after).await.expect(201);
    let out = b.smarty_async(&["sync"]).await;
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("2 applied, 0 unchanged, 0 rejected"), "{stdout}");
    // Pinning the new set as well changes nothing: the feed, read again, is all held.
    let new_file = b.dir.path().join("new.jwks");
    std::fs::write(&new_file, jwks.to_string()).unwrap();
    assert!(
        b.smarty(&["peers", "add", "--region", "leeds", "--url", &a.base, "--jwks", new_file.to_str().unwrap()])
            .status
            .success()
    );
    let out = b.smarty_async(&["sync"]).await;
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("0 applied, 2 unchanged, 0 rejected"), "{stdout}");
}
