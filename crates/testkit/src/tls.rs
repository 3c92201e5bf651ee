//! A corporate CA in miniature: a private certificate authority made at test time, a server
//! certificate it signs for 127.0.0.1, and a TLS front on 127.0.0.1 that forwards the decrypted
//! bytes to a plain-HTTP server (the emulator). Clients that do not trust the CA fail the
//! handshake, as they would behind a TLS-inspecting proxy.

use rcgen::{BasicConstraints, CertificateParams, IsCa, KeyPair, KeyUsagePurpose, SanType};
use rustls_pki_types::pem::PemObject;
use std::net::{IpAddr, Ipv4Addr};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use tokio::net::{TcpListener, TcpStream};

/// A CA and one server certificate it signed, PEM-encoded.
pub struct PrivateCa {
    pub ca_pem: String,
    pub server_cert_pem: String,
    pub server_key_pem: String,
}

impl PrivateCa {
    /// A fresh CA ("awsterm test CA") and a certificate for `127.0.0.1` and `localhost`.
    pub fn generate() -> PrivateCa {
        let ca_key = KeyPair::generate().expect("CA key");
        let mut ca = CertificateParams::new(Vec::<String>::new()).expect("CA params");
        ca.distinguished_name
            .push(rcgen::DnType::CommonName, "awsterm test CA");
        ca.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
        ca.key_usages = vec![KeyUsagePurpose::KeyCertSign, KeyUsagePurpose::CrlSign];
        let ca_cert = ca.self_signed(&ca_key).expect("self-signed CA");
        let issuer = rcgen::Issuer::new(ca, ca_key);

        let server_key = KeyPair::generate().expect("server key");
        let mut server = CertificateParams::new(vec!["localhost".to_string()]).expect("params");
        server
            .subject_alt_names
            .push(SanType::IpAddress(IpAddr::V4(Ipv4Addr::LOCALHOST)));
        server
            .distinguished_name
            .push(rcgen::DnType::CommonName, "127.0.0.1");
        let server_cert = server
            .signed_by(&server_key, &issuer)
            .expect("server certificate");
        PrivateCa {
            ca_pem: ca_cert.pem(),
            server_cert_pem: server_cert.pem(),
            server_key_pem: server_key.serialize_pem(),
        }
    }

    /// Writes the CA certificate to `dir/ca.pem` and returns the path.
    pub fn write_ca(&self, dir: &Path) -> PathBuf {
        let path = dir.join("ca.pem");
        std::fs::write(&path, &self.ca_pem).expect("write ca.pem");
        path
    }
}

/// `https://127.0.0.1:PORT` in front of `upstream` (`http://127.0.0.1:PORT`); it runs on its own
/// thread for the rest of the process.
pub fn tls_front(ca: &PrivateCa, upstream: &str) -> String {
    let upstream = upstream
        .strip_prefix("http://")
        .expect("an http:// upstream")
        .trim_end_matches('/')
        .to_string();
    assert!(upstream.starts_with("127."), "loopback upstreams only");
    let certs = rustls_pki_types::CertificateDer::pem_slice_iter(ca.server_cert_pem.as_bytes())
        .collect::<Result<Vec<_>, _>>()
        .expect("server certificate PEM");
    let key = rustls_pki_types::PrivateKeyDer::from_pem_slice(ca.server_key_pem.as_bytes())
        .expect("server key PEM");
    let provider = Arc::new(rustls::crypto::aws_lc_rs::default_provider());
    let config = rustls::ServerConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .expect("protocol versions")
        .with_no_client_auth()
        .with_single_cert(certs, key)
        .expect("server certificate and key");
    let acceptor = tokio_rustls::TlsAcceptor::from(Arc::new(config));
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind 127.0.0.1");
    listener.set_nonblocking(true).expect("non-blocking");
    let endpoint = format!("https://{}", listener.local_addr().unwrap());
    std::thread::Builder::new()
        .name("tls-front".into())
        .spawn(move || {
            let runtime = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .expect("runtime");
            runtime.block_on(async move {
                let listener = TcpListener::from_std(listener).expect("listener");
                loop {
                    let Ok((client, _)) = listener.accept().await else {
                        continue;
                    };
                    let (acceptor, upstream) = (acceptor.clone(), upstream.clone());
                    tokio::spawn(async move {
                        // A client that refuses the certificate ends the handshake: fine.
                        let Ok(mut tls) = acceptor.accept(client).await else {
                            return;
                        };
                        let Ok(mut plain) = TcpStream::connect(&upstream).await else {
                            return;
                        };
                        let _ = tokio::io::copy_bidirectional(&mut tls, &mut plain).await;
                    });
                }
            });
        })
        .expect("tls front thread");
    endpoint
}
