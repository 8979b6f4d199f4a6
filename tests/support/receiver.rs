//! A partner system's webhook endpoint: a bare HTTP/1.1 server on loopback that keeps every
//! request (headers and body) and answers each with the next status of its script (200 once
//! the script is spent).

use std::collections::{BTreeMap, VecDeque};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;

/// One request received, with the status it was answered.
#[derive(Debug, Clone)]
pub struct Received {
    pub headers: BTreeMap<String, String>,
    pub body: String,
    pub status: u16,
}

#[derive(Default)]
struct Shared {
    script: VecDeque<u16>,
    always: Option<u16>,
    received: Vec<Received>,
}

pub struct Receiver {
    pub url: String,
    shared: Arc<Mutex<Shared>>,
}

impl Receiver {
    pub async fn start() -> Receiver {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let url = format!("http://{}/hooks/smarty", listener.local_addr().unwrap());
        let shared = Arc::new(Mutex::new(Shared::default()));
        let state = shared.clone();
        tokio::spawn(async move {
            while let Ok((mut socket, _)) = listener.accept().await {
                let state = state.clone();
                tokio::spawn(async move {
                    let mut bytes = Vec::new();
                    let mut buf = [0u8; 8192];
                    let head_end = loop {
                        if let Some(at) = bytes.windows(4).position(|w| w == b"\r\n\r\n") {
                            break at + 4;
                        }
                        match socket.read(&mut buf).await {
                            Ok(0) | Err(_) => return,
                            Ok(n) => bytes.extend_from_slice(&buf[..n]),
                        }
                    };
                    let head = String::from_utf8_lossy(&bytes[..head_end]).to_string();
                    let headers: BTreeMap<String, String> = head
                        .lines()
                        .skip(1)
                        .filter_map(|l| l.split_once(':'))
                        .map(|(k, v)| (k.trim().to_ascii_lowercase(), v.trim().to_string()))
                        .collect();
                    let length: usize = headers.get("content-length").and_then(|l| l.parse().ok()).unwrap_or(0);
                    while bytes.len() < head_end + length {
                        match socket.read(&mut buf).await {
                            Ok(0) | Err(_) => return,
                            Ok(n) => bytes.extend_from_slice(&buf[..n]),
                        }
                    }
                    let body = String::from_utf8_lossy(&bytes[head_end..head_end + length]).to_string();
                    let status = {
                        let mut s = state.lock().unwrap();
                        let status = s.always.or_else(|| s.script.pop_front()).unwrap_or(200);
                        s.received.push(Received { headers, body, status });
                        status
                    };
                    let answer = format!("HTTP/1.1 {status} X\r\ncontent-length: 0\r\nconnection: close\r\n\r\n");
                    let _ = socket.write_all(answer.as_bytes()).await;
                    let _ = socket.shutdown().await;
                });
            }
        });
        Receiver { url, shared }
    }

    /// The next requests are answered with these statuses, in order.
    pub fn script(&self, statuses: &[u16]) {
        self.shared.lock().unwrap().script.extend(statuses);
    }

    /// Every request is answered with `status` (`None`: the script again).
    pub fn always(&self, status: Option<u16>) {
        self.shared.lock().unwrap().always = status;
    }

    pub fn received(&self) -> Vec<Received> {
        self.shared.lock().unwrap().received.clone()
    }

    /// The requests received once `done` holds of them (within 20 s).
    pub async fn until(&self, what: &str, done: impl Fn(&[Received]) -> bool) -> Vec<Received> {
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            let received = self.received();
            if done(&received) {
                return received;
            }
            assert!(Instant::now() < deadline, "the receiver never got {what}: {received:#?}");
            tokio::time::sleep(Duration::from_millis(25)).await;
        }
    }
}
