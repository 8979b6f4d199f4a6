//! A small HTTP client over reqwest for the tests.

use reqwest::Method;
use reqwest::header::HeaderMap;
use serde_json::Value;

#[derive(Debug)]
pub struct Response {
    pub status: u16,
    pub headers: HeaderMap,
    pub text: String,
}

impl Response {
    pub fn json(&self) -> Value {
        serde_json::from_str(&self.text).unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.text))
    }

    pub fn header(&self, name: &str) -> Option<String> {
        self.headers.get(name).map(|v| v.to_str().unwrap().to_string())
    }

    /// Asserts the status; on mismatch shows the body.
    #[track_caller]
    pub fn expect(&self, status: u16) -> &Self {
        assert_eq!(self.status, status, "unexpected status; body: {}", self.text);
        self
    }

    /// Asserts a problem+json response with this status and `type`.
    #[track_caller]
    pub fn expect_problem(&self, status: u16, problem_type: &str) -> Value {
        self.expect(status);
        assert_eq!(self.header("content-type").as_deref(), Some("application/problem+json"), "{}", self.text);
        let body = self.json();
        assert_eq!(body["type"], format!("/problems/{problem_type}"), "{}", self.text);
        assert_eq!(body["status"], status);
        assert!(body["detail"].as_str().is_some_and(|d| !d.is_empty()), "problem without detail: {}", self.text);
        body
    }

    /// The field names of a validation problem: 400 `validation`, or 422 `rule-violation` when
    /// every broken rule is one the schema cannot state (a reference, an order of two fields).
    #[track_caller]
    pub fn field_errors(&self) -> Vec<String> {
        let body = if self.status == 422 {
            self.expect_problem(422, "rule-violation")
        } else {
            self.expect_problem(400, "validation")
        };
        body["errors"]
            .as_array()
            .expect("errors list")
            .iter()
            .map(|e| e["field"].as_str().unwrap().to_string())
            .collect()
    }
}

#[derive(Clone)]
pub struct Client {
    base: String,
    inner: reqwest::Client,
}

impl Client {
    pub fn new(base: &str) -> Self {
        Self { base: base.to_string(), inner: reqwest::Client::new() }
    }

    pub async fn send(
        &self,
        method: Method,
        path: &str,
        token: Option<&str>,
        headers: &[(&str, &str)],
        body: Option<(&str, Vec<u8>)>,
    ) -> Response {
        let mut req = self.inner.request(method, format!("{}{}", self.base, path));
        if let Some(t) = token {
            req = req.bearer_auth(t);
        }
        for (k, v) in headers {
            req = req.header(*k, *v);
        }
        if let Some((content_type, bytes)) = body {
            req = req.header("content-type", content_type).body(bytes);
        }
        let res = req.send().await.expect("request reaches the node");
        let status = res.status().as_u16();
        let headers = res.headers().clone();
        let text = res.text().await.unwrap();
        Response { status, headers, text }
    }

    pub async fn get(&self, path: &str, token: Option<&str>) -> Response {
        self.send(Method::GET, path, token, &[], None).await
    }

    pub async fn get_with(&self, path: &str, token: Option<&str>, headers: &[(&str, &str)]) -> Response {
        self.send(Method::GET, path, token, headers, None).await
    }

    pub async fn post(&self, path: &str, token: Option<&str>, body: &Value) -> Response {
        self.send(Method::POST, path, token, &[], Some(("application/json", body.to_string().into_bytes()))).await
    }

    pub async fn put(&self, path: &str, token: Option<&str>, if_match: Option<&str>, body: &Value) -> Response {
        let headers: Vec<(&str, &str)> = if_match.map(|m| vec![("if-match", m)]).unwrap_or_default();
        self.send(Method::PUT, path, token, &headers, Some(("application/json", body.to_string().into_bytes()))).await
    }

    pub async fn delete(&self, path: &str, token: Option<&str>, if_match: Option<&str>) -> Response {
        let headers: Vec<(&str, &str)> = if_match.map(|m| vec![("if-match", m)]).unwrap_or_default();
        self.send(Method::DELETE, path, token, &headers, None).await
    }
}
