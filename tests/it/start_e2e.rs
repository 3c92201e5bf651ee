//! Starting where you mean to be, with the real binary in a PTY against the emulator:
//! `awsterm s3://…`, an ARN, a console URL, `-c ':…'`, `@bookmark`, `:open` inside, a bad
//! target refused before the UI; the shell completion and the man page.

use crate::support::{AwsFiles, DEFAULT_ACCOUNT, SCREEN_TIMEOUT, awsterm, put_empty_objects};
use std::path::PathBuf;
use std::process::Command;

fn block_on<T>(work: impl std::future::Future<Output = T>) -> T {
    tokio::runtime::Runtime::new().unwrap().block_on(work)
}

/// A bucket with `logs/alpha-7.txt`, `logs/beta-9.txt` and `top-level.txt`.
fn bucket_with_logs(files: &AwsFiles, bucket: &str) {
    block_on(async {
        let s3 = files.s3("acct").await;
        s3.create_bucket()
            .bucket(bucket)
            .send()
            .await
            .expect("bucket");
        let keys = ["logs/alpha-7.txt", "logs/beta-9.txt", "top-level.txt"];
        put_empty_objects(&s3, bucket, keys.iter().map(|k| k.to_string())).await;
    });
}

fn config_dir(files: &AwsFiles) -> PathBuf {
    files.dir.path().join("xdg-config/awsterm")
}

#[test]
fn an_s3_uri_opens_the_objects_at_that_prefix() {
    let files = AwsFiles::for_test("start_s3_uri");
    bucket_with_logs(&files, "start-uri");
    let term = awsterm(&files, &["--profile", "acct", "s3://start-uri/logs/"], &[]);
    term.wait_for("beta-9.txt", SCREEN_TIMEOUT).unwrap();
    term.wait_for("alpha-7.txt", SCREEN_TIMEOUT).unwrap();
    term.wait_for("start-uri", SCREEN_TIMEOUT).unwrap();
    assert!(
        !term.screen_text().contains("top-level.txt"),
        "only the prefix is listed:\n{}",
        term.screen_text()
    );
}

/// Table `orders` (key `pk`) with one item, in the test's own account; its ARN.
fn orders_table(files: &AwsFiles) -> String {
    use aws_sdk_dynamodb::types::AttributeValue;
    block_on(async {
        let ddb = aws_sdk_dynamodb::Client::new(&files.sdk_config("acct").await);
        crate::dynamodb_emulator::simple_table(&ddb, "orders", "pk", None).await;
        ddb.put_item()
            .table_name("orders")
            .item("pk", AttributeValue::S("order-4711".into()))
            .item("status", AttributeValue::S("shipped-xyz".into()))
            .send()
            .await
            .expect("item");
    });
    format!(
        "arn:aws:dynamodb:us-east-1:{}:table/orders",
        files.account_id
    )
}

#[test]
fn a_table_arn_opens_its_items_in_the_arns_region() {
    let files = AwsFiles::for_test("start_table_arn");
    let arn = orders_table(&files);
    // The profile's region is another: the ARN's wins.
    let term = awsterm(
        &files,
        &["--profile", "acct", "--region", "eu-west-1", &arn],
        &[],
    );
    term.wait_for("order-4711", SCREEN_TIMEOUT).unwrap();
    term.wait_for("shipped-xyz", SCREEN_TIMEOUT).unwrap();
    term.wait_for("region us-east-1", SCREEN_TIMEOUT).unwrap();
    // The ARN's account is the profile's: nothing said once the header knows it (the check
    // runs as the identity arrives, so both land in the same frame).
    term.wait_for(&format!("account {}", files.account_id), SCREEN_TIMEOUT)
        .unwrap();
    assert!(!term.screen_text().contains("is in account"));
}

#[test]
fn an_arn_of_another_account_says_so_and_names_the_profile_that_is_that_account() {
    let files = AwsFiles::for_test("start_other_account");
    let arn = orders_table(&files);
    // `base` is another account; `acct`'s role_arn says it is the ARN's.
    let term = awsterm(&files, &["--profile", "base", &arn], &[]);
    term.wait_for(
        &format!(
            "table orders is in account {}, profile base is {DEFAULT_ACCOUNT}",
            files.account_id
        ),
        SCREEN_TIMEOUT,
    )
    .unwrap();
    term.wait_for("profile acct is", SCREEN_TIMEOUT).unwrap();
}

#[test]
fn a_console_url_of_an_instance_opens_its_details() {
    let files = AwsFiles::for_test("start_console_url");
    let id = block_on(async {
        crate::support::run_instances(&files.ec2("acct").await, &[("web-42", "prod", "t3.nano")])
            .await
    })
    .remove(0);
    let url = format!(
        "https://us-east-1.console.aws.amazon.com/ec2/home?region=us-east-1#InstanceDetails:instanceId={id}"
    );
    let mut term = awsterm(&files, &["--profile", "acct", &url], &[]);
    term.wait_for("t3.nano", SCREEN_TIMEOUT).unwrap();
    term.wait_for("web-42", SCREEN_TIMEOUT).unwrap();
    // A drill-down on the instances view: Esc goes back to the list.
    term.send_keys("<Esc>");
    term.wait_for("EC2 instances", SCREEN_TIMEOUT).unwrap();
}

#[test]
fn dash_c_runs_a_command_as_if_typed_after_start() {
    use aws_sdk_cloudwatchlogs::types::InputLogEvent;
    let files = AwsFiles::for_test("start_dash_c");
    block_on(async {
        let logs = aws_sdk_cloudwatchlogs::Client::new(&files.sdk_config("acct").await);
        logs.create_log_group()
            .log_group_name("/app/dash-c")
            .send()
            .await
            .expect("group");
        logs.create_log_stream()
            .log_group_name("/app/dash-c")
            .log_stream_name("web-1")
            .send()
            .await
            .expect("stream");
        let now = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .as_millis() as i64;
        logs.put_log_events()
            .log_group_name("/app/dash-c")
            .log_stream_name("web-1")
            .log_events(
                InputLogEvent::builder()
                    .timestamp(now - 5_000)
                    .message("hello from dash-c")
                    .build()
                    .unwrap(),
            )
            .send()
            .await
            .expect("events");
    });
    let term = awsterm(
        &files,
        &["--profile", "acct", "-c", ":tail /app/dash-c"],
        &[],
    );
    term.wait_for("hello from dash-c", SCREEN_TIMEOUT).unwrap();
}

#[test]
fn a_bookmark_saved_with_bm_add_is_where_awsterm_at_name_starts() {
    let files = AwsFiles::for_test("start_bookmark");
    bucket_with_logs(&files, "start-bm");
    let mut term = awsterm(&files, &["--profile", "acct"], &[]);
    term.wait_for(&format!("account {}", files.account_id), SCREEN_TIMEOUT)
        .unwrap();
    // :open from inside, then the filter, then the bookmark.
    term.send_keys(":open s3://start-bm/logs/<Enter>");
    term.wait_for("alpha-7.txt", SCREEN_TIMEOUT).unwrap();
    term.send_keys("/beta<Enter>");
    term.wait_until(SCREEN_TIMEOUT, |s| !s.contains("alpha-7.txt"))
        .unwrap();
    term.send_keys(":bm add my-logs<Enter>");
    term.wait_for("bookmark my-logs saved", SCREEN_TIMEOUT)
        .unwrap();
    let saved = std::fs::read_to_string(config_dir(&files).join("bookmarks.toml")).unwrap();
    assert!(
        saved.contains("name = \"my-logs\"")
            && saved.contains("profile = \"acct\"")
            && saved.contains("open = \":open s3://start-bm/logs/\"")
            && saved.contains("filter = \"beta\""),
        "{saved}"
    );
    term.send_keys(":q!<Enter>");
    term.wait_exit(SCREEN_TIMEOUT);

    // No --profile: the bookmark's context, its view and its filter.
    let term = awsterm(&files, &["@my-logs"], &[]);
    term.wait_for("beta-9.txt", SCREEN_TIMEOUT).unwrap();
    term.wait_for("profile acct", SCREEN_TIMEOUT).unwrap();
    assert!(
        !term.screen_text().contains("alpha-7.txt"),
        "the filter came back:\n{}",
        term.screen_text()
    );
    drop(term);

    // --region given: it wins over the bookmark's own (S3 finds the bucket wherever it is).
    let term = awsterm(&files, &["--region", "eu-west-1", "@my-logs"], &[]);
    term.wait_for("beta-9.txt", SCREEN_TIMEOUT).unwrap();
    term.wait_for("region eu-west-1", SCREEN_TIMEOUT).unwrap();
}

#[test]
fn the_bookmarks_view_opens_and_removes_them() {
    let files = AwsFiles::for_test("start_bookmark_list");
    bucket_with_logs(&files, "start-bml");
    std::fs::create_dir_all(config_dir(&files)).unwrap();
    std::fs::write(
        config_dir(&files).join("bookmarks.toml"),
        "[[bookmark]]\nname = \"zeta\"\nprofile = \"acct\"\nregion = \"us-east-1\"\n\
         open = \":open s3://start-bml/logs/\"\n\n\
         [[bookmark]]\nname = \"alpha\"\nprofile = \"acct\"\nregion = \"us-east-1\"\n\
         open = \":ec2\"\n",
    )
    .unwrap();
    let mut term = awsterm(&files, &["--profile", "acct"], &[]);
    term.wait_for("profile acct", SCREEN_TIMEOUT).unwrap();
    term.send_keys(":bm<Enter>");
    term.wait_for("Bookmarks", SCREEN_TIMEOUT).unwrap();
    term.wait_for("zeta", SCREEN_TIMEOUT).unwrap();
    // Sorted by name: alpha first; X removes it from the file.
    term.send_keys("X");
    term.wait_until(SCREEN_TIMEOUT, |s| !s.contains(":ec2"))
        .unwrap();
    let left = std::fs::read_to_string(config_dir(&files).join("bookmarks.toml")).unwrap();
    assert!(!left.contains("alpha") && left.contains("zeta"), "{left}");
    term.send_keys("<Enter>");
    term.wait_for("beta-9.txt", SCREEN_TIMEOUT).unwrap();
}

/// A start that must not reach the UI: `said` is printed, the exit code is 2, and the screen
/// was never taken.
fn refused(files: &AwsFiles, args: &[&str], said: &str) {
    let mut term = awsterm(files, args, &[]);
    term.wait_for(said, SCREEN_TIMEOUT).unwrap();
    assert_eq!(term.wait_exit(SCREEN_TIMEOUT), Some(2), "{args:?}");
    let out = String::from_utf8_lossy(&term.raw_output()).into_owned();
    assert!(
        !out.contains("\x1b[?1049h"),
        "the screen was never taken: {out:?}"
    );
}

#[test]
fn an_invalid_target_or_bookmark_or_command_exits_2_before_the_ui() {
    let files = AwsFiles::for_test("start_invalid");
    refused(
        &files,
        &["--profile", "acct", "arn:aws:iam::1:role/x"],
        "understood: s3://BUCKET/PREFIX/",
    );
    refused(&files, &["@nowhere"], "no bookmark 'nowhere'");
    refused(&files, &["-c", ":nonsense"], "unknown command 'nonsense'");
}

#[test]
fn open_inside_refuses_what_it_does_not_understand() {
    let files = AwsFiles::for_test("start_open_bad");
    let mut term = awsterm(&files, &["--profile", "acct"], &[]);
    term.wait_for("profile acct", SCREEN_TIMEOUT).unwrap();
    term.send_keys(":open somewhere<Enter>");
    term.wait_for("'somewhere' is not a target", SCREEN_TIMEOUT)
        .unwrap();
}

fn binary() -> &'static str {
    env!("CARGO_BIN_EXE_awsterm")
}

#[test]
fn bash_completion_offers_the_profiles_and_regions_of_the_aws_files() {
    let files = AwsFiles::for_test("start_completion");
    let script = Command::new(binary())
        .args(["completions", "bash"])
        .output()
        .unwrap();
    assert!(script.status.success());
    let script_path = files.dir.path().join("awsterm.bash");
    std::fs::write(&script_path, &script.stdout).unwrap();
    let bin_dir = std::path::Path::new(binary()).parent().unwrap();
    let complete = |words: &str, current: usize| {
        let program = format!(
            "source {}; COMP_WORDS=({words}); COMP_CWORD={current}; \
             _awsterm_names awsterm \"${{COMP_WORDS[COMP_CWORD]}}\" \"${{COMP_WORDS[COMP_CWORD-1]}}\"; \
             printf '%s\\n' \"${{COMPREPLY[@]}}\"",
            script_path.display()
        );
        let out = Command::new("bash")
            .args(["--norc", "-c", &program])
            .envs(files.env())
            .env(
                "PATH",
                format!("{}:{}", bin_dir.display(), std::env::var("PATH").unwrap()),
            )
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout).into_owned()
    };
    let profiles = complete("awsterm --profile ''", 2);
    let names: Vec<&str> = profiles.lines().collect();
    assert!(
        names.contains(&"base") && names.contains(&"acct"),
        "{profiles}"
    );
    let profiles = complete("awsterm --profile ac", 2);
    assert_eq!(profiles.trim(), "acct");
    let regions = complete("awsterm --region eu-west-", 2);
    assert!(regions.lines().any(|r| r == "eu-west-1"), "{regions}");
    assert!(
        regions.lines().all(|r| r.starts_with("eu-west-")),
        "{regions}"
    );
    // Everything else is clap's: the options themselves.
    let options = complete("awsterm --pro", 1);
    assert!(options.contains("--profile"), "{options}");
}

#[test]
fn awsterm_man_prints_the_page_kept_in_docs() {
    let out = Command::new(binary()).arg("man").output().unwrap();
    assert!(out.status.success());
    let docs =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/docs/awsterm.1")).unwrap();
    assert_eq!(String::from_utf8_lossy(&out.stdout), docs);
    assert!(docs.contains(".SH SYNOPSIS") && docs.contains("AWSTERM_CONFIG_DIR"));
}
