//! Stand-ins for where a machine's credentials come from, on 127.0.0.1: the EC2 instance
//! metadata service (IMDSv2: a session token first, then the role's credentials and the
//! region) and the ECS / EKS Pod Identity container credentials endpoint. Point awsterm at them
//! with `AWS_EC2_METADATA_SERVICE_ENDPOINT` and `AWS_CONTAINER_CREDENTIALS_FULL_URI`.

use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::{Arc, Mutex};

/// The keys handed out (any key works on the emulator; assumed-role keys reach their account).
#[derive(Clone, Debug)]
pub struct Keys {
    pub access_key_id: String,
    pub secret_access_key: String,
    pub session_token: String,
}

impl Keys {
    fn json(&self) -> String {
        format!(
            "{{\"Code\":\"Success\",\"Type\":\"AWS-HMAC\",\"AccessKeyId\":\"{}\",\
             \"SecretAccessKey\":\"{}\",\"Token\":\"{}\",\"Expiration\":\"2099-01-01T00:00:00Z\",\
             \"LastUpdated\":\"2026-01-01T00:00:00Z\"}}",
            self.access_key_id, self.secret_access_key, self.session_token
        )
    }
}

/// One request as the server saw it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Seen {
    pub method: String,
    pub path: String,
    /// `x-aws-ec2-metadata-token` (IMDS) or `authorization` (container endpoint).
    pub token: Option<String>,
}

const IMDS_TOKEN: &str = "fake-imds-session-token";
/// The instance role's name, as IMDS lists it.
pub const INSTANCE_ROLE: &str = "awsterm-instance";

#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Imds,
    Container,
}

/// A fake metadata server; it stops answering when dropped.
pub struct MetadataServer {
    pub endpoint: String,
    seen: Arc<Mutex<Vec<Seen>>>,
    stop: Arc<std::sync::atomic::AtomicBool>,
}

impl MetadataServer {
    /// IMDSv2 with `keys` for [`INSTANCE_ROLE`] and `region` as the placement region.
    pub fn imds(keys: Keys, region: &str) -> MetadataServer {
        MetadataServer::start(Kind::Imds, keys, region.to_string())
    }

    /// A container credentials endpoint (any path) answering `keys`.
    pub fn container(keys: Keys) -> MetadataServer {
        MetadataServer::start(Kind::Container, keys, String::new())
    }

    /// Every request so far.
    pub fn seen(&self) -> Vec<Seen> {
        self.seen.lock().unwrap().clone()
    }

    fn start(kind: Kind, keys: Keys, region: String) -> MetadataServer {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind 127.0.0.1");
        let endpoint = format!("http://{}", listener.local_addr().unwrap());
        let seen = Arc::new(Mutex::new(Vec::new()));
        let stop = Arc::new(std::sync::atomic::AtomicBool::new(false));
        {
            let (seen, stop) = (seen.clone(), stop.clone());
            std::thread::spawn(move || {
                for stream in listener.incoming() {
                    if stop.load(std::sync::atomic::Ordering::SeqCst) {
                        break;
                    }
                    let Ok(stream) = stream else { continue };
                    let (seen, keys, region) = (seen.clone(), keys.clone(), region.clone());
                    std::thread::spawn(move || serve(stream, kind, &keys, &region, &seen));
                }
            });
        }
        MetadataServer {
            endpoint,
            seen,
            stop,
        }
    }
}

impl Drop for MetadataServer {
    fn drop(&mut self) {
        self.stop.store(true, std::sync::atomic::Ordering::SeqCst);
        // Wake the accept loop so it sees the flag.
        let _ = TcpStream::connect(self.endpoint.trim_start_matches("http://"));
    }
}

/// Answers the requests of one connection (keep-alive) until the client closes it.
fn serve(stream: TcpStream, kind: Kind, keys: &Keys, region: &str, seen: &Mutex<Vec<Seen>>) {
    let mut writer = match stream.try_clone() {
        Ok(w) => w,
        Err(_) => return,
    };
    let mut reader = BufReader::new(stream);
    loop {
        let mut request_line = String::new();
        if reader.read_line(&mut request_line).unwrap_or(0) == 0 {
            return;
        }
        let mut parts = request_line.split_whitespace();
        let (method, path) = (
            parts.next().unwrap_or_default().to_string(),
            parts.next().unwrap_or_default().to_string(),
        );
        let mut token = None;
        let mut length = 0usize;
        loop {
            let mut line = String::new();
            if reader.read_line(&mut line).unwrap_or(0) == 0 {
                return;
            }
            let line = line.trim_end();
            if line.is_empty() {
                break;
            }
            if let Some((name, value)) = line.split_once(':') {
                let name = name.trim().to_ascii_lowercase();
                let value = value.trim().to_string();
                match name.as_str() {
                    "x-aws-ec2-metadata-token" | "authorization" => token = Some(value),
                    "content-length" => length = value.parse().unwrap_or(0),
                    _ => {}
                }
            }
        }
        if length > 0 {
            let mut body = vec![0; length];
            if std::io::Read::read_exact(&mut reader, &mut body).is_err() {
                return;
            }
        }
        seen.lock().unwrap().push(Seen {
            method: method.clone(),
            path: path.clone(),
            token: token.clone(),
        });
        let (status, body) = match kind {
            Kind::Container => (200, keys.json()),
            Kind::Imds => imds_answer(&method, &path, token.as_deref(), keys, region),
        };
        let reason = match status {
            200 => "OK",
            401 => "Unauthorized",
            _ => "Not Found",
        };
        let head = format!(
            "HTTP/1.1 {status} {reason}\r\nContent-Type: text/plain\r\nContent-Length: {}\r\n\
             x-aws-ec2-metadata-token-ttl-seconds: 21600\r\n\r\n",
            body.len()
        );
        if writer.write_all(head.as_bytes()).is_err() || writer.write_all(body.as_bytes()).is_err()
        {
            return;
        }
    }
}

/// IMDSv2: every read needs the session token from `PUT /latest/api/token`.
fn imds_answer(
    method: &str,
    path: &str,
    token: Option<&str>,
    keys: &Keys,
    region: &str,
) -> (u16, String) {
    if method == "PUT" && path == "/latest/api/token" {
        return (200, IMDS_TOKEN.to_string());
    }
    if token != Some(IMDS_TOKEN) {
        return (401, String::new());
    }
    let role_path = format!("/latest/meta-data/iam/security-credentials/{INSTANCE_ROLE}");
    match path {
        "/latest/meta-data/iam/security-credentials/" => (200, INSTANCE_ROLE.to_string()),
        p if p == role_path => (200, keys.json()),
        "/latest/meta-data/placement/region" => (200, region.to_string()),
        _ => (404, String::new()),
    }
}
