//! Where awsterm runs: an EC2 bastion (instance metadata), a container (ECS / EKS Pod
//! Identity endpoint), behind a private CA, with the CLI's retry, FIPS/dual-stack and `aws
//! login` settings. Fake metadata and TLS endpoints on 127.0.0.1; the real binary in a PTY
//! where the environment is the point, the SDK adapters in-process where files suffice.

use crate::support::{AwsFiles, DEFAULT_ACCOUNT, SCREEN_TIMEOUT, awsterm};
use aws_credential_types::provider::ProvideCredentials;
use awsterm::aws::sts::{SdkSts, StsApi};
use awsterm::aws::{AwsSetup, ContextKey, SdkConfigs};
use awsterm_testkit::metadata::{Keys, MetadataServer};
use awsterm_testkit::moto::Moto;
use awsterm_testkit::proxy::{Fault, Proxy, Rule};
use awsterm_testkit::tls::{PrivateCa, tls_front};
use std::sync::Arc;

/// Keys of a role in the test's own account, so the header proves whose keys were used.
fn role_keys(files: &AwsFiles) -> Keys {
    let runtime = tokio::runtime::Runtime::new().unwrap();
    runtime.block_on(async {
        let sdk = files.sdk_config("acct").await;
        let creds = sdk
            .credentials_provider()
            .unwrap()
            .provide_credentials()
            .await
            .unwrap();
        Keys {
            access_key_id: creds.access_key_id().to_string(),
            secret_access_key: creds.secret_access_key().to_string(),
            session_token: creds.session_token().unwrap_or_default().to_string(),
        }
    })
}

#[test]
fn a_region_only_default_profile_on_ec2_gets_the_instance_role_and_region() {
    let files = AwsFiles::for_test("where_ec2_default");
    let imds = MetadataServer::imds(role_keys(&files), "eu-north-1");
    // What `aws configure set …` leaves on a bastion: no keys, here not even a region.
    let config = format!("[default]\nendpoint_url = {}\n", files.endpoint);
    let files = files.with_raw_config(&config);
    let term = awsterm(
        &files,
        &[],
        &[
            ("AWS_EC2_METADATA_DISABLED", "false"),
            ("AWS_EC2_METADATA_SERVICE_ENDPOINT", &imds.endpoint),
        ],
    );
    term.wait_for(&format!("account {}", files.account_id), SCREEN_TIMEOUT)
        .unwrap();
    term.wait_for("region eu-north-1", SCREEN_TIMEOUT).unwrap();
    term.wait_for("instance/container", SCREEN_TIMEOUT).unwrap();
    let seen = imds.seen();
    assert!(
        seen.iter()
            .any(|r| r.method == "PUT" && r.path == "/latest/api/token")
    );
    assert!(
        seen.iter()
            .filter(|r| r.method == "GET")
            .all(|r| r.token.as_deref() == Some("fake-imds-session-token")),
        "IMDSv2: every read carries the session token: {seen:?}"
    );
}

#[test]
fn a_region_only_profile_in_a_container_uses_the_container_credentials_not_env_keys() {
    let files = AwsFiles::for_test("where_container");
    let container = MetadataServer::container(role_keys(&files));
    let task = format!("region = eu-west-1\nendpoint_url = {}", files.endpoint);
    let files = files.with_profile("task", &task);
    let uri = format!("{}/v2/credentials", container.endpoint);
    let term = awsterm(
        &files,
        &["--profile", "task"],
        &[
            ("AWS_CONTAINER_CREDENTIALS_FULL_URI", &uri),
            ("AWS_CONTAINER_AUTHORIZATION_TOKEN", "pod-identity-token"),
            // Keys in the environment (moto's default account) must not win over the
            // chosen profile, as with `aws --profile task`.
            ("AWS_ACCESS_KEY_ID", "AKIAIOSFODNN7EXAMPLE"),
            ("AWS_SECRET_ACCESS_KEY", "not-a-secret"),
        ],
    );
    term.wait_for(&format!("account {}", files.account_id), SCREEN_TIMEOUT)
        .unwrap();
    term.wait_for("region eu-west-1", SCREEN_TIMEOUT).unwrap();
    let seen = container.seen();
    assert!(
        seen.iter().any(
            |r| r.path == "/v2/credentials" && r.token.as_deref() == Some("pod-identity-token")
        ),
        "{seen:?}"
    );
}

/// A profile with static keys reaching the emulator through a TLS front signed by `ca`.
fn tls_files(name: &str, extra: &str) -> (AwsFiles, PrivateCa, std::path::PathBuf) {
    let files = AwsFiles::for_test(name);
    let ca = PrivateCa::generate();
    let front = tls_front(&ca, &Moto::shared().endpoint);
    let ca_path = ca.write_ca(files.dir.path());
    let files = files.with_profile(
        "corp",
        &format!(
            "region = us-east-1\nendpoint_url = {front}\n\
             aws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = x\n{extra}"
        ),
    );
    (files, ca, ca_path)
}

fn configs_for(files: &AwsFiles, settings: awsterm::config::AwsSettings) -> Arc<SdkConfigs> {
    Arc::new(SdkConfigs::new(AwsSetup {
        files: awsterm::aws::AwsFiles::Explicit {
            config: files.config_path(),
            credentials: files.credentials_path(),
        },
        endpoint_url: None,
        settings,
    }))
}

#[test]
fn a_profiles_ca_bundle_is_trusted_and_a_bad_one_is_named() {
    // A PTY each time: the test process's own AWS_CA_BUNDLE (set on many machines) would beat
    // the profile's, as it should.
    let (files, _ca, ca_path) = tls_files("where_ca_profile", "ca_bundle = CA\n");
    // Without a bundle the private CA is unknown: the handshake fails.
    rewrite_ca(&files, "");
    let term = awsterm(&files, &["--profile", "corp"], &[]);
    term.wait_for("cannot reach AWS", SCREEN_TIMEOUT).unwrap();
    drop(term);

    rewrite_ca(&files, &ca_path.display().to_string());
    let term = awsterm(&files, &["--profile", "corp"], &[]);
    term.wait_for(&format!("account {DEFAULT_ACCOUNT}"), SCREEN_TIMEOUT)
        .unwrap();
    drop(term);

    // A key file is not a bundle: refused with the file's name and who named it.
    let key = files.dir.path().join("key.pem");
    std::fs::write(
        &key,
        "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n",
    )
    .unwrap();
    rewrite_ca(&files, &key.display().to_string());
    let term = awsterm(&files, &["--profile", "corp"], &[]);
    term.wait_for("key.pem (from profile key ca_bundle)", SCREEN_TIMEOUT)
        .unwrap();
    term.wait_for("no PEM certificate", SCREEN_TIMEOUT).unwrap();
}

/// Points the `corp` profile's `ca_bundle` at `path` (empty: no bundle).
fn rewrite_ca(files: &AwsFiles, path: &str) {
    let text = std::fs::read_to_string(files.config_path()).unwrap();
    let line = text
        .lines()
        .find(|l| l.starts_with("ca_bundle ="))
        .unwrap()
        .to_string();
    std::fs::write(
        files.config_path(),
        text.replace(&line, &format!("ca_bundle = {path}")),
    )
    .unwrap();
}

#[test]
fn aws_ca_bundle_is_trusted_and_a_garbage_one_is_reported_on_screen() {
    let (files, _ca, ca_path) = tls_files("where_ca_env", "");
    let ca = ca_path.display().to_string();
    let term = awsterm(&files, &["--profile", "corp"], &[("AWS_CA_BUNDLE", &ca)]);
    term.wait_for(&format!("account {DEFAULT_ACCOUNT}"), SCREEN_TIMEOUT)
        .unwrap();
    drop(term);

    let garbage = files.dir.path().join("garbage.pem");
    std::fs::write(&garbage, "hello, I am not a certificate\n").unwrap();
    let garbage = garbage.display().to_string();
    let term = awsterm(
        &files,
        &["--profile", "corp"],
        &[("AWS_CA_BUNDLE", &garbage)],
    );
    term.wait_for("garbage.pem (from AWS_CA_BUNDLE)", SCREEN_TIMEOUT)
        .unwrap();
}

#[tokio::test]
async fn the_profiles_max_attempts_is_used_unless_config_toml_sets_its_own() {
    let proxy = Proxy::start(&Moto::shared().endpoint);
    proxy.add_rule(
        Rule::new(Fault::internal_error())
            .operation("GetCallerIdentity")
            .every(),
    );
    let files = AwsFiles::for_test("where_retries").with_profile(
        "flaky",
        &format!(
            "region = us-east-1\nendpoint_url = {}\nmax_attempts = 2\n\
             aws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = x",
            proxy.endpoint()
        ),
    );
    let ctx = ContextKey {
        profile: Some("flaky".into()),
        region: "us-east-1".into(),
    };
    let sts = SdkSts::new(configs_for(&files, Default::default()));
    assert!(sts.caller_identity(ctx.clone()).await.is_err());
    assert_eq!(
        proxy.count("GetCallerIdentity"),
        2,
        "the profile's max_attempts"
    );

    proxy.clear();
    let settings = awsterm::config::AwsSettings {
        max_attempts: Some(1),
        ..Default::default()
    };
    let sts = SdkSts::new(configs_for(&files, settings));
    assert!(sts.caller_identity(ctx).await.is_err());
    assert_eq!(
        proxy.count("GetCallerIdentity"),
        1,
        "config.toml's max_attempts"
    );
}

#[test]
fn fips_and_dual_stack_reach_the_sso_credentials_client() {
    // A proxy that only notes which host each CONNECT asks for: the first one is the SSO
    // provider's GetRoleCredentials, before the identity call itself can be sent.
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let proxy = format!("http://{}", listener.local_addr().unwrap());
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let mut line = String::new();
            let _ = std::io::BufRead::read_line(&mut std::io::BufReader::new(&stream), &mut line);
            if tx.send(line).is_err() {
                return;
            }
        }
    });
    let start_url = "https://example.awsapps.com/start";
    let files = AwsFiles::for_test("where_fips").with_raw_config(&format!(
        "[profile gov]\nsso_start_url = {start_url}\nsso_region = us-east-1\n\
         sso_account_id = 111111111111\nsso_role_name = Admin\nregion = us-east-1\n\
         use_fips_endpoint = true\nuse_dualstack_endpoint = true\n"
    ));
    // A valid token in the CLI's cache, so the provider goes on to ask SSO for credentials.
    let cache = awsterm::aws::sso::SsoSource::Legacy(start_url.into()).cache_file(files.dir.path());
    std::fs::create_dir_all(cache.parent().unwrap()).unwrap();
    std::fs::write(
        &cache,
        format!(
            "{{\"accessToken\":\"token\",\"expiresAt\":\"2099-01-01T00:00:00Z\",\
             \"region\":\"us-east-1\",\"startUrl\":\"{start_url}\"}}"
        ),
    )
    .unwrap();
    let _term = awsterm(
        &files,
        &["--profile", "gov"],
        &[("HTTPS_PROXY", &proxy), ("NO_PROXY", "")],
    );
    let first = rx.recv_timeout(SCREEN_TIMEOUT).expect("a CONNECT");
    assert!(
        first.starts_with("CONNECT portal.sso-fips.us-east-1.api.aws:443"),
        "{first:?}"
    );
}

#[test]
fn an_aws_login_profile_is_labelled_and_offers_aws_login() {
    let files = AwsFiles::for_test("where_login").with_profile(
        "signin",
        "login_session = arn:aws:iam::111111111111:user/alice\nregion = us-east-1",
    );
    let mut term = awsterm(&files, &["--profile", "signin"], &[]);
    term.wait_for("aws login --profile signin", SCREEN_TIMEOUT)
        .unwrap();
    term.wait_for("Sign-in needed", SCREEN_TIMEOUT).unwrap();
    term.wait_for("aws login", SCREEN_TIMEOUT).unwrap();
    term.send_keys("n");
    term.wait_until(SCREEN_TIMEOUT, |s| !s.contains("Sign-in needed"))
        .unwrap();
}
