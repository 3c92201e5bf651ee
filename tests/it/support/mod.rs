//! Shared test support: the emulator, per-test accounts and the PTY driver live in the
//! `awsterm-testkit` crate (the demo uses them too).

pub use awsterm_testkit::account::{AwsFiles, DEFAULT_ACCOUNT, ENV_TO_REMOVE};
pub use awsterm_testkit::pty::PtySession;

use std::time::Duration;

/// Generous: the first request of a run also pays for moto warming up.
pub const SCREEN_TIMEOUT: Duration = Duration::from_secs(20);

/// The real `awsterm` binary in a PTY against the emulator, with `files` as its AWS config and a
/// private config/state directory.
pub fn awsterm(files: &AwsFiles, args: &[&str], extra_env: &[(&str, &str)]) -> PtySession {
    let mut env = files.env();
    env.extend(
        extra_env
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string())),
    );
    PtySession::spawn(
        env!("CARGO_BIN_EXE_awsterm"),
        args,
        &env,
        ENV_TO_REMOVE,
        100,
        30,
    )
    .expect("spawn awsterm in a pty")
}

/// Puts empty objects under these keys, 32 at a time (the emulator is one process; a
/// thousand requests at once would only queue and time out).
pub async fn put_empty_objects(
    s3: &aws_sdk_s3::Client,
    bucket: &str,
    keys: impl Iterator<Item = String>,
) {
    use futures::StreamExt;
    futures::stream::iter(keys)
        .map(|key| {
            s3.put_object()
                .bucket(bucket)
                .key(key)
                .body(Vec::new().into())
                .send()
        })
        .buffer_unordered(32)
        .for_each(|r| async move {
            r.expect("put object");
        })
        .await;
}

/// One instance per RunInstances call (so each is its own reservation, as EC2 pages them),
/// tagged Name/Env; returns the ids in order.
pub async fn run_instances(ec2: &aws_sdk_ec2::Client, specs: &[(&str, &str, &str)]) -> Vec<String> {
    use aws_sdk_ec2::types::{InstanceType, ResourceType, Tag, TagSpecification};
    let image = ec2
        .describe_images()
        .owners("amazon")
        .max_results(5)
        .send()
        .await
        .expect("describe images")
        .images()
        .iter()
        .find_map(|i| i.image_id().map(str::to_owned))
        .unwrap_or_else(|| "ami-12c6146b".to_string());
    let mut ids = Vec::new();
    for (name, env, instance_type) in specs {
        let tags = TagSpecification::builder()
            .resource_type(ResourceType::Instance)
            .tags(Tag::builder().key("Name").value(*name).build())
            .tags(Tag::builder().key("Env").value(*env).build())
            .build();
        let out = ec2
            .run_instances()
            .image_id(&image)
            .min_count(1)
            .max_count(1)
            .instance_type(InstanceType::from(*instance_type))
            .key_name("ops")
            .tag_specifications(tags)
            .send()
            .await
            .expect("run instance");
        ids.extend(
            out.instances()
                .iter()
                .filter_map(|i| i.instance_id().map(str::to_owned)),
        );
    }
    ids
}

/// The app on the SDK adapters, in profile `acct` (this test's own account), 120×40.
pub fn app_on(files: &AwsFiles) -> crate::app_harness::Harness {
    use crate::app_harness::{Harness, options, profile};
    use awsterm::aws::profiles::CredentialKind;
    let mut o = options(
        vec![profile(
            "acct",
            Some("us-east-1"),
            CredentialKind::AssumeRole,
        )],
        "acct",
    );
    let setup = sdk_setup(files);
    o.files = setup.files.clone();
    Harness::sized(o, awsterm::aws::Adapters::sdk(setup), 120, 40)
}

/// The SDK adapters' setup for this test's own AWS files (never the process environment's).
pub fn sdk_setup(files: &AwsFiles) -> awsterm::aws::AwsSetup {
    awsterm::aws::AwsSetup {
        files: awsterm::aws::AwsFiles::Explicit {
            config: files.config_path(),
            credentials: files.credentials_path(),
        },
        endpoint_url: None,
        settings: Default::default(),
    }
}
