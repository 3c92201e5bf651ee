//! Corporate CAs: `AWS_CA_BUNDLE` or a profile's `ca_bundle` replaces the trusted roots, as in
//! the CLI. The file is checked before the HTTP client sees it — the SDK would panic on a bad
//! one — and a bad file is an error naming the file and who named it.

use aws_smithy_http_client::tls::{TlsContext, TrustStore};
use aws_smithy_runtime_api::client::http::SharedHttpClient;
use rustls_pki_types::CertificateDer;
use rustls_pki_types::pem::PemObject;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// A CA bundle file and what named it (`AWS_CA_BUNDLE`, `profile key ca_bundle`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CaBundle {
    pub path: PathBuf,
    pub named_by: String,
}

impl CaBundle {
    /// `~/` is the home directory, as the CLI expands it.
    pub fn named(raw: &str, named_by: String, home: Option<&Path>) -> CaBundle {
        let path = match (raw.strip_prefix("~/"), home) {
            (Some(rest), Some(home)) => home.join(rest),
            _ => PathBuf::from(raw),
        };
        CaBundle { path, named_by }
    }

    /// The certificates, PEM-encoded, once every one of them parsed as a trust anchor.
    pub fn read(&self) -> Result<Vec<u8>, String> {
        self.read_file().map_err(|what| self.problem(&what))
    }

    fn read_file(&self) -> Result<Vec<u8>, String> {
        let bytes = std::fs::read(&self.path).map_err(|e| e.to_string())?;
        check_pem(&bytes)?;
        Ok(bytes)
    }

    fn problem(&self, what: &str) -> String {
        format!(
            "CA bundle {} (from {}): {what}",
            self.path.display(),
            self.named_by
        )
    }
}

/// Every PEM certificate in `bytes` must be one rustls accepts as a root; none at all is an
/// error too (a key file or a DER file named by mistake).
fn check_pem(bytes: &[u8]) -> Result<usize, String> {
    let mut roots = rustls::RootCertStore::empty();
    let mut count = 0;
    for der in CertificateDer::pem_slice_iter(bytes) {
        let der = der.map_err(|e| format!("not valid PEM ({e})"))?;
        count += 1;
        roots
            .add(der)
            .map_err(|e| format!("certificate {count} is not usable ({e})"))?;
    }
    if count == 0 {
        return Err("no PEM certificate in the file".into());
    }
    Ok(count)
}

/// One HTTP client per trust store: the default one, and one per CA bundle file, so every
/// context naming the same bundle shares its connection pools.
pub struct HttpClients {
    default: SharedHttpClient,
    /// By file: the client, or what is wrong with the file.
    by_bundle: Mutex<HashMap<PathBuf, Result<SharedHttpClient, String>>>,
}

impl HttpClients {
    pub fn new() -> HttpClients {
        HttpClients {
            default: build(None),
            by_bundle: Mutex::default(),
        }
    }

    pub fn default_client(&self) -> SharedHttpClient {
        self.default.clone()
    }

    /// The client for `bundle`; `Err` when the file is unreadable or not certificates.
    pub fn for_bundle(&self, bundle: Option<&CaBundle>) -> Result<SharedHttpClient, String> {
        let Some(bundle) = bundle else {
            return Ok(self.default_client());
        };
        let mut cache = self.by_bundle.lock().unwrap_or_else(|p| p.into_inner());
        cache
            .entry(bundle.path.clone())
            .or_insert_with(|| bundle.read_file().map(|pem| build(Some(pem))))
            .clone()
            // Said with who named the file this time (another profile may share it).
            .map_err(|what| bundle.problem(&what))
    }

    /// Forget the bundles read so far (a fixed file is read again).
    pub fn clear(&self) {
        self.by_bundle
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .clear();
    }
}

impl Default for HttpClients {
    fn default() -> Self {
        HttpClients::new()
    }
}

/// The client the SDK would build by default (rustls with aws-lc, proxy settings from the
/// environment), with the bundle's certificates as the only roots when there is one.
fn build(bundle: Option<Vec<u8>>) -> SharedHttpClient {
    use aws_smithy_http_client::proxy::ProxyConfig;
    use aws_smithy_http_client::{Builder, ConnectorBuilder, tls};
    let tls_context = bundle.map(|pem| {
        TlsContext::builder()
            .with_trust_store(TrustStore::empty().with_pem_certificate(pem))
            .build()
            .expect("a trust store without extra server names always builds")
    });
    Builder::new().build_with_connector_fn(move |settings, components| {
        let mut connector = ConnectorBuilder::default().tls_provider(tls::Provider::Rustls(
            tls::rustls_provider::CryptoMode::AwsLc,
        ));
        if let Some(context) = &tls_context {
            connector.set_tls_context(context.clone());
        }
        connector.set_connector_settings(settings.cloned());
        if let Some(components) = components {
            connector.set_sleep_impl(components.sleep_impl());
        }
        connector.set_proxy_config(Some(ProxyConfig::from_env()));
        connector.build()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn garbage_and_empty_files_are_refused_with_the_reason() {
        assert!(check_pem(b"").unwrap_err().contains("no PEM certificate"));
        assert!(
            check_pem(b"hello")
                .unwrap_err()
                .contains("no PEM certificate")
        );
        let bad = b"-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n";
        assert!(check_pem(bad).is_err());
        let not_base64 = b"-----BEGIN CERTIFICATE-----\n!!!!\n-----END CERTIFICATE-----\n";
        assert!(check_pem(not_base64).is_err());
    }

    #[test]
    fn a_missing_file_names_the_file_and_who_named_it() {
        let bundle = CaBundle::named("/nonexistent/ca.pem", "AWS_CA_BUNDLE".into(), None);
        let e = bundle.read().unwrap_err();
        assert!(e.contains("/nonexistent/ca.pem"), "{e}");
        assert!(e.contains("from AWS_CA_BUNDLE"), "{e}");
        let clients = HttpClients::new();
        let e = clients.for_bundle(Some(&bundle)).unwrap_err();
        assert!(e.contains("from AWS_CA_BUNDLE"), "{e}");
        let again = CaBundle::named("/nonexistent/ca.pem", "profile key ca_bundle".into(), None);
        let e = clients.for_bundle(Some(&again)).unwrap_err();
        assert!(e.contains("from profile key ca_bundle"), "{e}");
    }
}
