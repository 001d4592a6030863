//! The admin endpoint: `/healthz` (the process serves), `/readyz` (it accepts ext_proc streams)
//! and `/metrics` (Prometheus). Plain HTTP/1.1, one request per connection: probes and scrapers
//! need no more, and it keeps a web framework out of the server.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Duration;

use log::warn;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

use crate::metrics::Metrics;

const MAX_REQUEST_HEAD: usize = 8192;

pub struct Admin {
    pub metrics: Arc<Metrics>,
    /// False once shutdown has begun, so load balancers stop sending new streams.
    pub ready: Arc<AtomicBool>,
}

impl Admin {
    pub async fn serve(self: Arc<Self>, listener: TcpListener) {
        loop {
            let Ok((socket, _)) = listener.accept().await else {
                continue;
            };
            let admin = self.clone();
            tokio::spawn(async move {
                let answered = tokio::time::timeout(Duration::from_secs(5), admin.answer(socket));
                if answered.await.is_err() {
                    warn!("admin request timed out");
                }
            });
        }
    }

    async fn answer(&self, mut socket: TcpStream) {
        let mut head = Vec::new();
        let mut buf = [0u8; 1024];
        while !head.windows(4).any(|w| w == b"\r\n\r\n") && head.len() < MAX_REQUEST_HEAD {
            match socket.read(&mut buf).await {
                Ok(0) | Err(_) => return,
                Ok(n) => head.extend_from_slice(&buf[..n]),
            }
        }
        let line = head.split(|b| *b == b'\r').next().unwrap_or_default();
        let line = String::from_utf8_lossy(line);
        let mut parts = line.split(' ');
        let (method, target) = (parts.next().unwrap_or(""), parts.next().unwrap_or(""));
        let path = target.split('?').next().unwrap_or("");
        let (status, content_type, body) = match (method, path) {
            ("GET", "/healthz") => ("200 OK", "text/plain", "ok\n".to_string()),
            ("GET", "/readyz") if self.ready.load(Ordering::Relaxed) => {
                ("200 OK", "text/plain", "ready\n".to_string())
            }
            ("GET", "/readyz") => (
                "503 Service Unavailable",
                "text/plain",
                "shutting down\n".to_string(),
            ),
            ("GET", "/metrics") => ("200 OK", "text/plain; version=0.0.4", self.metrics.render()),
            ("GET", _) => ("404 Not Found", "text/plain", "not found\n".to_string()),
            _ => (
                "405 Method Not Allowed",
                "text/plain",
                "GET only\n".to_string(),
            ),
        };
        let reply = format!(
            "HTTP/1.1 {status}\r\ncontent-type: {content_type}\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{body}",
            body.len()
        );
        let _ = socket.write_all(reply.as_bytes()).await;
        let _ = socket.shutdown().await;
    }
}
