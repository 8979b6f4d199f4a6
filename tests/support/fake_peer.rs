//! A hostile or broken peer: a bare HTTP/1.1 server on loopback that answers every request
//! with whatever bytes the test sets, with bytes made from the request, or not at all.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;

type Responder = Arc<dyn Fn(&str) -> Vec<u8> + Send + Sync>;

#[derive(Clone)]
enum Reply {
    Bytes(Vec<u8>),
    /// Accept, read the request, and never answer.
    Silent,
    /// Bytes made from the request's head.
    With(Responder),
}

pub struct FakePeer {
    pub url: String,
    reply: Arc<Mutex<Reply>>,
    requests: Arc<AtomicUsize>,
}

impl FakePeer {
    pub async fn start() -> FakePeer {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let url = format!("http://{}", listener.local_addr().unwrap());
        let reply = Arc::new(Mutex::new(Reply::Bytes(Vec::new())));
        let requests = Arc::new(AtomicUsize::new(0));
        let (shared, count) = (reply.clone(), requests.clone());
        tokio::spawn(async move {
            loop {
                let Ok((mut socket, _)) = listener.accept().await else {
                    return;
                };
                let (shared, count) = (shared.clone(), count.clone());
                tokio::spawn(async move {
                    let mut head = Vec::new();
                    let mut buf = [0u8; 4096];
                    while !head.windows(4).any(|w| w == b"\r\n\r\n") {
                        match socket.read(&mut buf).await {
                            Ok(0) | Err(_) => return,
                            Ok(n) => head.extend_from_slice(&buf[..n]),
                        }
                    }
                    count.fetch_add(1, Ordering::SeqCst);
                    let reply = shared.lock().unwrap().clone();
                    let bytes = match reply {
                        Reply::Bytes(b) => b,
                        Reply::With(f) => f(&String::from_utf8_lossy(&head)),
                        Reply::Silent => {
                            // Hold the connection open until the client gives up.
                            let _ = socket.read(&mut buf).await;
                            return;
                        }
                    };
                    let _ = socket.write_all(&bytes).await;
                    let _ = socket.shutdown().await;
                });
            }
        });
        FakePeer { url, reply, requests }
    }

    /// Requests received so far.
    pub fn requests(&self) -> usize {
        self.requests.load(Ordering::SeqCst)
    }

    /// Answers with `status` and `body` (correct framing).
    pub fn answer(&self, status: u16, body: &[u8]) {
        self.answer_framed(status, body, body.len());
    }

    /// Answers with a `Content-Length` that may differ from the body (truncation).
    pub fn answer_framed(&self, status: u16, body: &[u8], content_length: usize) {
        *self.reply.lock().unwrap() = Reply::Bytes(response(status, &[], body, content_length));
    }

    /// Answers with `status`, extra header lines and `body`.
    pub fn answer_with_headers(&self, status: u16, headers: &[(&str, &str)], body: &[u8]) {
        *self.reply.lock().unwrap() = Reply::Bytes(response(status, headers, body, body.len()));
    }

    /// Accepts connections and never answers.
    pub fn go_silent(&self) {
        *self.reply.lock().unwrap() = Reply::Silent;
    }

    /// Answers with the status and body `f` makes from the request's head.
    pub fn respond_from(&self, f: impl Fn(&str) -> (u16, Vec<u8>) + Send + Sync + 'static) {
        *self.reply.lock().unwrap() = Reply::With(Arc::new(move |head| {
            let (status, body) = f(head);
            response(status, &[], &body, body.len())
        }));
    }

    /// Answers 200 with the body `f` makes from the request's head.
    pub fn answer_from(&self, f: impl Fn(&str) -> Vec<u8> + Send + Sync + 'static) {
        let f = Arc::new(f);
        *self.reply.lock().unwrap() = Reply::With(Arc::new(move |head| {
            let body = f(head);
            response(200, &[], &body, body.len())
        }));
    }
}

fn response(status: u16, headers: &[(&str, &str)], body: &[u8], content_length: usize) -> Vec<u8> {
    let extra: String = headers.iter().map(|(k, v)| format!("{k}: {v}\r\n")).collect();
    let mut bytes = format!(
        "HTTP/1.1 {status} X\r\ncontent-type: application/json\r\ncontent-length: {content_length}\r\n{extra}connection: close\r\n\r\n"
    )
    .into_bytes();
    bytes.extend_from_slice(body);
    bytes
}
