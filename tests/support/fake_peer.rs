//! A hostile or broken peer: a bare HTTP/1.1 server on loopback that answers every request
//! with whatever bytes the test sets.

use std::sync::{Arc, Mutex};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;

pub struct FakePeer {
    pub url: String,
    response: Arc<Mutex<Vec<u8>>>,
}

impl FakePeer {
    pub async fn start() -> FakePeer {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let url = format!("http://{}", listener.local_addr().unwrap());
        let response = Arc::new(Mutex::new(Vec::new()));
        let shared = response.clone();
        tokio::spawn(async move {
            loop {
                let Ok((mut socket, _)) = listener.accept().await else {
                    return;
                };
                let shared = shared.clone();
                tokio::spawn(async move {
                    let mut head = Vec::new();
                    let mut buf = [0u8; 4096];
                    while !head.windows(4).any(|w| w == b"\r\n\r\n") {
                        match socket.read(&mut buf).await {
                            Ok(0) | Err(_) => return,
                            Ok(n) => head.extend_from_slice(&buf[..n]),
                        }
                    }
                    let bytes = shared.lock().unwrap().clone();
                    let _ = socket.write_all(&bytes).await;
                    let _ = socket.shutdown().await;
                });
            }
        });
        FakePeer { url, response }
    }

    /// Answers with `status` and `body` (correct framing).
    pub fn answer(&self, status: u16, body: &[u8]) {
        self.answer_framed(status, body, body.len());
    }

    /// Answers with a `Content-Length` that may differ from the body (truncation).
    pub fn answer_framed(&self, status: u16, body: &[u8], content_length: usize) {
        let mut bytes = format!(
            "HTTP/1.1 {status} X\r\ncontent-type: application/json\r\ncontent-length: {content_length}\r\nconnection: close\r\n\r\n"
        )
        .into_bytes();
        bytes.extend_from_slice(body);
        *self.response.lock().unwrap() = bytes;
    }
}
