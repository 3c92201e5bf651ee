//! The real binary in a pseudo-terminal against the emulator: what a user sees and types.

use crate::support::{AwsFiles, DEFAULT_ACCOUNT, SCREEN_TIMEOUT, awsterm};
use std::time::Duration;

#[test]
fn header_switch_profile_and_region_help_and_clean_exit() {
    let files = AwsFiles::for_test("e2e_header_switch");
    let mut term = awsterm(&files, &["--profile", "base"], &[]);
    term.wait_for(&format!("account {DEFAULT_ACCOUNT}"), SCREEN_TIMEOUT)
        .unwrap();
    term.wait_for("profile base", SCREEN_TIMEOUT).unwrap();

    term.send_keys(":profile acct<Enter>");
    term.wait_for(&format!("account {}", files.account_id), SCREEN_TIMEOUT)
        .unwrap();
    term.wait_for("assumed-role/awsterm-test", SCREEN_TIMEOUT)
        .unwrap();

    term.send_keys(":region eu-west-1<Enter>");
    term.wait_for("region eu-west-1", SCREEN_TIMEOUT).unwrap();

    term.send_keys("?");
    term.wait_for("Help — commands and keys", SCREEN_TIMEOUT)
        .unwrap();
    // The view's own commands come first: the global ones are a filter away.
    term.send_keys("/named");
    term.wait_for(":profile", SCREEN_TIMEOUT).unwrap();
    term.wait_for("Switch to the named region", SCREEN_TIMEOUT)
        .unwrap();
    term.send_keys("<Enter>");
    term.wait_until(SCREEN_TIMEOUT, |s| !s.contains("filter: type to narrow"))
        .unwrap();

    // Esc clears the filter, the next closes help (whose title names the view under it).
    term.send_keys("<Esc>");
    term.wait_until(SCREEN_TIMEOUT, |s| {
        s.contains("Help — commands and keys") && !s.contains("/named")
    })
    .unwrap();
    term.send_keys("<Esc>");
    term.wait_for("┌ Profiles", SCREEN_TIMEOUT).unwrap();
    term.send_keys("q");
    assert_eq!(term.wait_exit(SCREEN_TIMEOUT), Some(0), "q exits 0");
    let raw = String::from_utf8_lossy(&term.raw_output()).into_owned();
    // Everything turned on at start was turned off again.
    for restore in ["\x1b[?1049l", "\x1b[?2004l", "\x1b[?25h"] {
        assert!(raw.contains(restore), "missing {restore:?} in the output");
    }
    let left_alt_screen = raw.rfind("\x1b[?1049l").unwrap();
    assert!(raw.rfind("\x1b[?1049h").unwrap() < left_alt_screen);
}

#[test]
fn read_only_shows_a_badge() {
    let files = AwsFiles::for_test("e2e_read_only");
    let term = awsterm(&files, &["--profile", "base", "--read-only"], &[]);
    term.wait_for("READ-ONLY", SCREEN_TIMEOUT).unwrap();
}

#[test]
fn a_bad_keymap_is_a_visible_warning_not_a_crash() {
    let files = AwsFiles::for_test("e2e_bad_keymap");
    let config_dir = files.dir.path().join("xdg-config/awsterm");
    std::fs::create_dir_all(&config_dir).unwrap();
    std::fs::write(config_dir.join("keymap.toml"), "[list]\nexplode = \"x\"\n").unwrap();
    std::fs::write(config_dir.join("config.toml"), "them = \"typo\"\n").unwrap();
    let mut term = awsterm(&files, &["--profile", "base"], &[]);
    term.wait_for("Problems with your settings", SCREEN_TIMEOUT)
        .unwrap();
    term.wait_for("unknown command 'explode'", SCREEN_TIMEOUT)
        .unwrap();
    term.wait_for("unknown key 'them'", SCREEN_TIMEOUT).unwrap();
    // Any key dismisses the box, and the default bindings work.
    term.send_keys("x");
    term.wait_until(SCREEN_TIMEOUT, |s| {
        !s.contains("Problems with your settings")
    })
    .unwrap();
    term.send_keys("?");
    term.wait_for("Help — commands and keys", SCREEN_TIMEOUT)
        .unwrap();
}

#[test]
fn an_unreachable_endpoint_leaves_the_ui_responsive() {
    let files = AwsFiles::with_endpoint("e2e_unreachable", "http://127.0.0.1:9");
    let mut term = awsterm(&files, &["--profile", "base"], &[]);
    // The first frame comes before any AWS answer.
    term.wait_for("resolving…", SCREEN_TIMEOUT).unwrap();
    term.send_keys("R");
    term.wait_for("Regions", SCREEN_TIMEOUT).unwrap();
    term.send_keys("<Esc>");
    term.wait_for("cannot reach AWS", Duration::from_secs(60))
        .unwrap();
    term.send_keys("?");
    term.wait_for("Help — commands and keys", SCREEN_TIMEOUT)
        .unwrap();
}

#[test]
fn a_small_terminal_gets_a_message_and_resize_recovers() {
    let files = AwsFiles::for_test("e2e_resize");
    let mut term = awsterm(&files, &["--profile", "base"], &[]);
    term.wait_for("Profiles", SCREEN_TIMEOUT).unwrap();
    term.resize(60, 20);
    term.wait_for("terminal too small", SCREEN_TIMEOUT).unwrap();
    term.resize(100, 30);
    term.wait_for("Profiles", SCREEN_TIMEOUT).unwrap();
}

#[test]
fn unknown_profile_exits_with_the_known_ones() {
    let files = AwsFiles::for_test("e2e_unknown_profile");
    let mut command = std::process::Command::new(env!("CARGO_BIN_EXE_awsterm"));
    command.args(["--profile", "nope"]);
    for name in crate::support::ENV_TO_REMOVE {
        command.env_remove(name);
    }
    command.envs(files.env());
    let out = command.output().expect("run awsterm");
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("unknown profile 'nope'"), "{stderr}");
    assert!(stderr.contains("acct, base"), "{stderr}");
}

#[test]
fn environment_credentials_are_flagged_without_a_profile() {
    let files = AwsFiles::for_test("e2e_env_creds");
    let term = awsterm(
        &files,
        &["--endpoint-url", &files.endpoint.clone()],
        &[
            ("AWS_ACCESS_KEY_ID", "AKIAIOSFODNN7EXAMPLE"),
            ("AWS_SECRET_ACCESS_KEY", "not-a-secret"),
            ("AWS_REGION", "eu-west-1"),
        ],
    );
    term.wait_for("ENV CREDENTIALS", SCREEN_TIMEOUT).unwrap();
    term.wait_for(&format!("account {DEFAULT_ACCOUNT}"), SCREEN_TIMEOUT)
        .unwrap();
    term.wait_for("region eu-west-1", SCREEN_TIMEOUT).unwrap();
    assert!(!term.screen_text().contains("not-a-secret"));
}

#[test]
fn a_missing_sso_token_shows_the_login_command() {
    let files = AwsFiles::for_test("e2e_sso").with_raw_config(
        "[profile corp]\nsso_session = corp\nsso_account_id = 111111111111\n\
         sso_role_name = Admin\nregion = us-east-1\n\n\
         [sso-session corp]\nsso_start_url = https://example.awsapps.com/start\n\
         sso_region = us-east-1\n",
    );
    // HOME is the test's temp dir: there is no ~/.aws/sso/cache, so no token.
    let term = awsterm(&files, &["--profile", "corp"], &[]);
    term.wait_for("aws sso login --profile corp", SCREEN_TIMEOUT)
        .unwrap();
}

#[test]
fn a_malformed_aws_config_is_reported_and_the_app_keeps_working() {
    let files =
        AwsFiles::for_test("e2e_malformed").with_raw_config("[profile broken\nregion = x\n");
    let mut term = awsterm(&files, &[], &[]);
    term.wait_for("Problems with your settings", SCREEN_TIMEOUT)
        .unwrap();
    // Wait for each text rather than reading once: a frame may be caught half-written.
    term.wait_for("AWS config", SCREEN_TIMEOUT).unwrap();
    term.send_keys(" ");
    term.send_keys("R");
    term.wait_for("Regions", SCREEN_TIMEOUT).unwrap();
}

#[test]
fn sigterm_restores_the_terminal_and_exits_cleanly() {
    let files = AwsFiles::for_test("e2e_sigterm");
    let mut term = awsterm(&files, &["--profile", "base"], &[]);
    term.wait_for("Profiles", SCREEN_TIMEOUT).unwrap();
    let pid = term.pid().expect("pid");
    // SAFETY: a signal to the child we spawned.
    unsafe {
        libc::kill(pid as i32, libc::SIGTERM);
    }
    assert_eq!(term.wait_exit(SCREEN_TIMEOUT), Some(143), "128 + SIGTERM");
    // The reader thread may still be draining the last bytes the process wrote as it exited.
    let restored = |raw: &[u8]| {
        let raw = String::from_utf8_lossy(raw);
        raw.ends_with("\x1b[?25h") || raw.contains("\x1b[?1049l")
    };
    let raw = term.raw_output_when(Duration::from_secs(5), restored);
    assert!(restored(&raw), "terminal not restored");
}

#[test]
fn ctrl_z_suspends_to_the_shell_and_fg_resumes() {
    // A real interactive shell, so Ctrl-Z and `fg` do exactly what they do for a user.
    let files = AwsFiles::for_test("e2e_suspend");
    let mut env = files.env();
    env.push(("PS1".into(), "shell$ ".into()));
    let mut shell = crate::support::PtySession::spawn(
        "bash",
        &["--norc", "--noprofile", "-i"],
        &env,
        crate::support::ENV_TO_REMOVE,
        100,
        30,
    )
    .expect("spawn bash");
    shell.wait_for("shell$", SCREEN_TIMEOUT).unwrap();
    shell.send(&format!(
        "{} --profile base\r",
        env!("CARGO_BIN_EXE_awsterm")
    ));
    shell.wait_for("Profiles", SCREEN_TIMEOUT).unwrap();
    shell.send_keys("<C-z>");
    shell
        .wait_until(SCREEN_TIMEOUT, |s| {
            s.contains("Stopped") && !s.contains("Profiles")
        })
        .map_err(|screen| format!("not suspended:\n{screen}"))
        .unwrap();
    shell.send("fg\r");
    shell.wait_for("Profiles", SCREEN_TIMEOUT).unwrap();
    shell
        .wait_for("account 123456789012", SCREEN_TIMEOUT)
        .unwrap();
    shell.send_keys("q");
    shell
        .wait_until(SCREEN_TIMEOUT, |s| {
            !s.contains("Profiles") && s.contains("shell$")
        })
        .map_err(|screen| format!("did not return to the shell:\n{screen}"))
        .unwrap();
}

#[test]
fn no_color_keeps_the_selection_visible_copy_uses_osc52_and_mouse_stays_off() {
    let files = AwsFiles::for_test("e2e_no_color");
    let mut term = awsterm(&files, &["--profile", "base"], &[("NO_COLOR", "1")]);
    term.wait_for("account 123456789012", SCREEN_TIMEOUT)
        .unwrap();
    term.send_keys("y");
    term.wait_for("copied: base", SCREEN_TIMEOUT).unwrap();
    term.send_keys("q");
    assert_eq!(term.wait_exit(SCREEN_TIMEOUT), Some(0));
    let raw = String::from_utf8_lossy(&term.raw_output()).into_owned();
    assert!(
        raw.contains("\x1b[7m"),
        "the selection is drawn in reverse video"
    );
    // No foreground/background colour of any kind: only resets (39/49) and modifiers.
    for colour in [
        "\x1b[38;", "\x1b[48;", "\x1b[31m", "\x1b[32m", "\x1b[33m", "\x1b[34m", "\x1b[36m",
    ] {
        assert!(!raw.contains(colour), "NO_COLOR output contains {colour:?}");
    }
    // "base" (the selected, active profile) base64-encoded in an OSC 52 clipboard write.
    assert!(
        raw.contains("\x1b]52;c;YmFzZQ=="),
        "no OSC 52 copy in the output"
    );
    assert!(
        !raw.contains("\x1b[?1000h"),
        "mouse capture is off by default"
    );
}

#[test]
fn s3_browse_a_prefix_preview_and_download_in_a_real_terminal() {
    let files = AwsFiles::for_test("e2e_s3_browse");
    let bucket = format!("e2e-{}", files.account_id);
    let runtime = tokio::runtime::Runtime::new().unwrap();
    runtime.block_on(async {
        let s3 = files.s3("acct").await;
        s3.create_bucket().bucket(&bucket).send().await.unwrap();
        for (key, body) in [
            (
                "reports/2026/summary.json",
                r#"{"revenue":1204331.2,"ok":true}"#,
            ),
            ("reports/2026/notes.txt", "hello from s3\n"),
            ("readme.md", "# top"),
        ] {
            s3.put_object()
                .bucket(&bucket)
                .key(key)
                .body(body.as_bytes().to_vec().into())
                .send()
                .await
                .unwrap();
        }
    });
    let dest = tempfile::tempdir().unwrap();
    let mut term = awsterm(&files, &["--profile", "acct"], &[]);
    term.wait_for(&format!("account {}", files.account_id), SCREEN_TIMEOUT)
        .unwrap();
    term.send_keys(":s3<Enter>");
    term.wait_for(&bucket, SCREEN_TIMEOUT).unwrap();
    term.send_keys("<Enter>");
    term.wait_for("reports/", SCREEN_TIMEOUT).unwrap();
    term.send_keys(":cd reports/2026<Enter>");
    term.wait_for("summary.json", SCREEN_TIMEOUT).unwrap();
    term.send_keys("/summary<Enter>");
    term.wait_for("[1/2]", SCREEN_TIMEOUT).unwrap();
    term.send_keys("<Enter>");
    term.wait_for("\"revenue\": 1204331.2", SCREEN_TIMEOUT)
        .unwrap();
    term.send_keys("d");
    term.wait_for("Download 1 object", SCREEN_TIMEOUT).unwrap();
    term.send_keys(&format!("<C-u>{}<Enter>", dest.path().display()));
    term.wait_for("downloaded 1 file", SCREEN_TIMEOUT).unwrap();
    assert_eq!(
        std::fs::read_to_string(dest.path().join("summary.json")).unwrap(),
        r#"{"revenue":1204331.2,"ok":true}"#
    );
    term.send_keys("<C-c>");
    assert_eq!(term.wait_exit(SCREEN_TIMEOUT), Some(0));
}

#[test]
fn stop_an_instance_through_the_confirmation_and_watch_it_settle() {
    let files = AwsFiles::for_test("e2e_ec2_stop");
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let ids = runtime.block_on(async {
        crate::support::run_instances(&files.ec2("acct").await, &[("web-01", "prod", "t3.micro")])
            .await
    });
    let mut term = awsterm(&files, &["--profile", "acct"], &[]);
    term.wait_for(&format!("account {}", files.account_id), SCREEN_TIMEOUT)
        .unwrap();
    term.send_keys(":ec2<Enter>");
    term.wait_for("● running", SCREEN_TIMEOUT).unwrap();
    term.wait_for(&ids[0], SCREEN_TIMEOUT).unwrap();
    term.send_keys("_");
    term.wait_for(&format!("Stop instance {}?", ids[0]), SCREEN_TIMEOUT)
        .unwrap();
    term.send_keys("y");
    // EC2 answers "stopping"; the poll two seconds later finds it stopped.
    term.wait_for("is stopping", SCREEN_TIMEOUT).unwrap();
    term.wait_for("○ stopped", SCREEN_TIMEOUT).unwrap();
    term.wait_until(SCREEN_TIMEOUT, |s| !s.contains("watching"))
        .unwrap();
}

#[test]
fn connect_hands_the_terminal_to_the_session_and_takes_it_back() {
    let files = AwsFiles::for_test("e2e_ec2_connect");
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let ids = runtime.block_on(async {
        crate::support::run_instances(&files.ec2("acct").await, &[("web-01", "prod", "t3.micro")])
            .await
    });
    // Stand-ins for the AWS CLI and the Session Manager plugin: the "session" records its
    // arguments and one line typed into it, proving keys reach it and not awsterm.
    let bin = files.dir.path().join("bin");
    std::fs::create_dir_all(&bin).unwrap();
    let record = files.dir.path().join("session.txt");
    let script = format!(
        "#!/bin/sh\necho \"args: $*\" > '{}'\nprintf 'fake session> '\nread line\necho \"typed: $line\" >> '{}'\n",
        record.display(),
        record.display()
    );
    for (name, body) in [
        ("aws", script.as_str()),
        ("session-manager-plugin", "#!/bin/sh\n"),
    ] {
        let path = bin.join(name);
        std::fs::write(&path, body).unwrap();
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).unwrap();
    }
    let path = format!(
        "{}:{}",
        bin.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let mut term = awsterm(&files, &["--profile", "acct"], &[("PATH", &path)]);
    term.wait_for(&format!("account {}", files.account_id), SCREEN_TIMEOUT)
        .unwrap();
    term.send_keys(":ec2<Enter>");
    term.wait_for("● running", SCREEN_TIMEOUT).unwrap();
    term.send_keys("c");
    term.wait_for("fake session>", SCREEN_TIMEOUT).unwrap();
    term.send_keys("whoami<Enter>");
    term.wait_for("EC2 instances", SCREEN_TIMEOUT).unwrap();
    term.wait_for("● running", SCREEN_TIMEOUT).unwrap();
    let recorded = std::fs::read_to_string(&record).unwrap();
    assert_eq!(
        recorded,
        format!(
            "args: ssm start-session --target {} --region us-east-1 --profile acct\ntyped: whoami\n",
            ids[0]
        )
    );
    // The UI is live again: keys reach awsterm.
    term.send_keys("?");
    term.wait_for("Help — commands and keys", SCREEN_TIMEOUT)
        .unwrap();
}

#[test]
fn build_a_query_on_an_index_and_open_an_item() {
    use aws_sdk_dynamodb::types::{
        AttributeDefinition, AttributeValue, BillingMode, GlobalSecondaryIndex, KeySchemaElement,
        KeyType, Projection, ProjectionType, ScalarAttributeType,
    };
    let files = AwsFiles::for_test("e2e_ddb_query");
    let runtime = tokio::runtime::Runtime::new().unwrap();
    runtime.block_on(async {
        let ddb = aws_sdk_dynamodb::Client::new(&files.sdk_config("acct").await);
        let key = |n: &str, k: KeyType| {
            KeySchemaElement::builder()
                .attribute_name(n)
                .key_type(k)
                .build()
                .unwrap()
        };
        let attr = |n: &str| {
            AttributeDefinition::builder()
                .attribute_name(n)
                .attribute_type(ScalarAttributeType::S)
                .build()
                .unwrap()
        };
        ddb.create_table()
            .table_name("orders")
            .billing_mode(BillingMode::PayPerRequest)
            .key_schema(key("customer", KeyType::Hash))
            .key_schema(key("order", KeyType::Range))
            .attribute_definitions(attr("customer"))
            .attribute_definitions(attr("order"))
            .attribute_definitions(attr("status"))
            .global_secondary_indexes(
                GlobalSecondaryIndex::builder()
                    .index_name("by-status")
                    .key_schema(key("status", KeyType::Hash))
                    .projection(
                        Projection::builder()
                            .projection_type(ProjectionType::All)
                            .build(),
                    )
                    .build()
                    .unwrap(),
            )
            .send()
            .await
            .unwrap();
        for (customer, order, status) in [("c1", "o1", "PAID"), ("c2", "o2", "SHIPPED")] {
            ddb.put_item()
                .table_name("orders")
                .item("customer", AttributeValue::S(customer.into()))
                .item("order", AttributeValue::S(order.into()))
                .item("status", AttributeValue::S(status.into()))
                .item(
                    "total",
                    AttributeValue::N("98765432109876543210.123456789".into()),
                )
                .send()
                .await
                .unwrap();
        }
    });
    let mut term = awsterm(&files, &["--profile", "acct"], &[]);
    term.wait_for(&format!("account {}", files.account_id), SCREEN_TIMEOUT)
        .unwrap();
    term.send_keys(":ddb<Enter>");
    term.wait_for("orders", SCREEN_TIMEOUT).unwrap();
    term.send_keys("f");
    term.wait_for("query orders", SCREEN_TIMEOUT).unwrap();
    term.send_keys("j<Enter>");
    term.wait_for("global index by-status", SCREEN_TIMEOUT)
        .unwrap();
    term.send_keys("j<Enter>SHIPPED<Enter>");
    term.wait_for("--index-name 'by-status'", SCREEN_TIMEOUT)
        .unwrap();
    term.send_keys("r");
    term.wait_for("orders · by-status · query", SCREEN_TIMEOUT)
        .unwrap();
    term.wait_for("[1]", SCREEN_TIMEOUT).unwrap();
    term.send_keys("<Enter>");
    term.wait_for("\"customer\": \"c2\"", SCREEN_TIMEOUT)
        .unwrap();
    term.wait_for("98765432109876543210.123456789", SCREEN_TIMEOUT)
        .unwrap();
}

/// A log group with one stream and these messages, written now.
async fn log_group_with(files: &AwsFiles, group: &str, messages: &[&str]) {
    use aws_sdk_cloudwatchlogs::types::InputLogEvent;
    let logs = aws_sdk_cloudwatchlogs::Client::new(&files.sdk_config("acct").await);
    if logs
        .create_log_group()
        .log_group_name(group)
        .send()
        .await
        .is_ok()
    {
        logs.create_log_stream()
            .log_group_name(group)
            .log_stream_name("2026/11/23/[$LATEST]e2e0001")
            .send()
            .await
            .unwrap();
    }
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_millis() as i64;
    let events = messages
        .iter()
        .enumerate()
        .map(|(i, m)| {
            InputLogEvent::builder()
                .timestamp(now + i as i64)
                .message(*m)
                .build()
                .unwrap()
        })
        .collect();
    logs.put_log_events()
        .log_group_name(group)
        .log_stream_name("2026/11/23/[$LATEST]e2e0001")
        .set_log_events(Some(events))
        .send()
        .await
        .unwrap();
}

#[test]
fn invoke_a_function_then_jump_to_its_logs() {
    let files = AwsFiles::for_test("e2e_invoke_then_logs");
    let runtime = tokio::runtime::Runtime::new().unwrap();
    runtime.block_on(async {
        let sdk = files.sdk_config("acct").await;
        let target = awsterm_testkit::seed::Target {
            sdk: &sdk,
            endpoint: &files.endpoint,
            account: &files.account_id,
            env: "e2e",
            scale: awsterm_testkit::seed::Scale::Small,
            big_bucket: false,
        };
        awsterm_testkit::seed::lambda::seed(&target).await.unwrap();
    });
    let mut term = awsterm(&files, &["--profile", "acct"], &[]);
    term.wait_for(&format!("account {}", files.account_id), SCREEN_TIMEOUT)
        .unwrap();
    term.send_keys(":lambda<Enter>");
    term.wait_for("checkout-api", SCREEN_TIMEOUT).unwrap();
    term.send_keys("i");
    term.wait_for("payload · e edit", SCREEN_TIMEOUT).unwrap();
    term.send_keys("e<C-e><BS><BS>{\"order\": 7}");
    term.wait_for("{\"order\": 7}", SCREEN_TIMEOUT).unwrap();
    // Esc on its own: followed at once by a key, a terminal reads it as Alt+key.
    term.send_keys("<Esc>");
    term.wait_for("payload · e edit", SCREEN_TIMEOUT).unwrap();
    term.send_keys("i");
    term.wait_for("status 200", SCREEN_TIMEOUT).unwrap();
    // The function "logs" its invocation (the emulator runs no code; the test writes it).
    runtime.block_on(log_group_with(
        &files,
        "/aws/lambda/checkout-api",
        &[
            "START RequestId: e2e-1",
            "processing order 7",
            "END RequestId: e2e-1",
        ],
    ));
    term.send_keys("L");
    term.wait_for("tail /aws/lambda/checkout-api", SCREEN_TIMEOUT)
        .unwrap();
    term.wait_for("processing order 7", SCREEN_TIMEOUT).unwrap();
    term.wait_for("e2e0001", SCREEN_TIMEOUT).unwrap();
}

#[test]
fn escape_sequences_in_log_lines_show_as_text_and_never_reach_the_terminal() {
    let files = AwsFiles::for_test("e2e_hostile_log_lines");
    let runtime = tokio::runtime::Runtime::new().unwrap();
    runtime.block_on(log_group_with(
        &files,
        "/app/hostile",
        &[
            "clipboard \u{1b}]52;c;ZXZpbC1jbGlw\u{7} end",
            "title \u{1b}]0;pwned\u{7} colour \u{1b}[31mRED\u{1b}[0m plain",
        ],
    ));
    let mut term = awsterm(&files, &["--profile", "acct"], &[]);
    term.wait_for(&format!("account {}", files.account_id), SCREEN_TIMEOUT)
        .unwrap();
    term.send_keys(":tail /app/hostile<Enter>");
    term.wait_for("clipboard ␛]52;c;ZXZpbC1jbGlw␇ end", SCREEN_TIMEOUT)
        .unwrap();
    term.wait_for("␛]0;pwned␇ colour ␛[31mRED␛[0m plain", SCREEN_TIMEOUT)
        .unwrap();
    let raw = term.raw_output();
    let contains = |needle: &[u8]| raw.windows(needle.len()).any(|w| w == needle);
    for needle in [
        &b"\x1b]52;c;ZXZpbC1jbGlw"[..],
        b"\x1b]0;pwned",
        b"\x1b[31mRED",
        b"\x07 end",
    ] {
        assert!(
            !contains(needle),
            "{:?} reached the terminal",
            String::from_utf8_lossy(needle)
        );
    }
}

#[test]
fn an_expired_sso_token_offers_aws_sso_login_on_the_real_terminal_then_retries() {
    let files = AwsFiles::for_test("e2e_sso_login").with_profile(
        "sso-dev",
        "sso_session = corp\nsso_account_id = 111122223333\nsso_role_name = Admin\n\
         region = us-east-1\n\n[sso-session corp]\nsso_start_url = https://corp.example/start\n\
         sso_region = us-east-1",
    );
    let home = files.dir.path();
    let cache = awsterm::aws::sso::SsoSource::Session("corp".into()).cache_file(home);
    std::fs::create_dir_all(cache.parent().unwrap()).unwrap();
    std::fs::write(
        &cache,
        r#"{"accessToken":"old","expiresAt":"2025-01-01T00:00:00Z","region":"us-east-1"}"#,
    )
    .unwrap();
    // A stand-in for the AWS CLI that records how it was called.
    let bin = home.join("bin");
    std::fs::create_dir_all(&bin).unwrap();
    let aws = bin.join("aws");
    std::fs::write(&aws, "#!/bin/sh\necho \"$@\" >> \"$HOME/aws-calls\"\n").unwrap();
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&aws, std::fs::Permissions::from_mode(0o755)).unwrap();
    let path = format!(
        "{}:{}",
        bin.display(),
        std::env::var("PATH").unwrap_or_default()
    );

    let mut term = awsterm(&files, &["--profile", "sso-dev"], &[("PATH", &path)]);
    term.wait_for("SSO login needed", SCREEN_TIMEOUT).unwrap();
    term.wait_for("the SSO token has expired", SCREEN_TIMEOUT)
        .unwrap();
    term.wait_for("Run `aws sso login --profile sso-dev` now?", SCREEN_TIMEOUT)
        .unwrap();
    term.send_keys("y");
    let calls = home.join("aws-calls");
    let deadline = std::time::Instant::now() + SCREEN_TIMEOUT;
    while !calls.exists() && std::time::Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(50));
    }
    assert_eq!(
        std::fs::read_to_string(&calls).expect("aws was run"),
        "sso login --profile sso-dev\n"
    );
    // The stand-in logged nothing in: back in the UI, the retry finds the token still expired.
    term.wait_for("Run `aws sso login --profile sso-dev` now?", SCREEN_TIMEOUT)
        .unwrap();
    term.send_keys("n");
    term.wait_for("cancelled", SCREEN_TIMEOUT).unwrap();
    term.wait_for(
        "SSO login needed: aws sso login --profile sso-dev",
        SCREEN_TIMEOUT,
    )
    .unwrap();
    term.send_keys("q");
    assert_eq!(term.wait_exit(SCREEN_TIMEOUT), Some(0));
}

/// The log file is private, and the directory items are edited in is private, unpredictable
/// and gone when the program ends.
#[test]
fn the_log_file_is_private_and_the_editor_directory_is_removed_at_exit() {
    use std::os::unix::fs::PermissionsExt;
    let files = AwsFiles::for_test("e2e_private_files");
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    runtime.block_on(async {
        awsterm_testkit::seed::hostile::ddb_items(
            &files.sdk_config("acct").await,
            "private-edit",
            &[],
        )
        .await
        .unwrap()
    });
    let tmp = files.dir.path().join("tmp");
    std::fs::create_dir(&tmp).unwrap();
    let tmp_text = tmp.display().to_string();
    let env = [
        ("TMPDIR", tmp_text.as_str()),
        ("EDITOR", "true"),
        ("VISUAL", "true"),
    ];
    let mut term = awsterm(&files, &["--profile", "acct"], &env);
    term.wait_for(&format!("account {}", files.account_id), SCREEN_TIMEOUT)
        .unwrap();
    term.send_keys(":ddb<Enter>");
    term.wait_for("private-edit", SCREEN_TIMEOUT).unwrap();
    term.send_keys("<Enter>");
    term.wait_for("a_short", SCREEN_TIMEOUT).unwrap();
    term.send_keys("E");
    term.wait_for("no changes", SCREEN_TIMEOUT).unwrap();
    let made: Vec<_> = std::fs::read_dir(&tmp)
        .unwrap()
        .map(|e| e.unwrap())
        .collect();
    assert_eq!(made.len(), 1, "one editor directory");
    let name = made[0].file_name().to_string_lossy().into_owned();
    assert!(
        name.starts_with("awsterm-") && name.len() > "awsterm-".len() + 4,
        "{name}"
    );
    assert_ne!(name, format!("awsterm-{}", term.pid().unwrap_or(0)));
    let mode = |p: &std::path::Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode(&made[0].path()), 0o700);
    term.send_keys(":quit!<Enter>");
    assert_eq!(term.wait_exit(SCREEN_TIMEOUT), Some(0));
    // The editor ran on the alternate screen: its "running …" line went with it at exit
    // instead of staying in the user's shell.
    let raw = String::from_utf8_lossy(&term.raw_output()).into_owned();
    let running = raw.find("awsterm: running true").expect("the running line");
    let before = &raw[..running];
    assert!(
        before.rfind("\x1b[?1049h") > before.rfind("\x1b[?1049l"),
        "the running line was written on the shell's screen"
    );
    let left: Vec<_> = std::fs::read_dir(&tmp).unwrap().collect();
    assert!(left.is_empty(), "left behind: {left:?}");
    let state = files.dir.path().join("xdg-state/awsterm");
    assert_eq!(mode(&state.join("awsterm.log")), 0o600);
    assert_eq!(mode(&state), 0o700);
}
