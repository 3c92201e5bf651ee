//! `:tagged` through the SDK adapter against the emulator, each test in its own fresh account:
//! EC2 instances, an S3 bucket, a Lambda function and an SQS queue tagged alike, found by
//! KEY=VALUE, by KEY alone and by type; then the view through the app (Enter on an instance
//! opens it) and across accounts.

use crate::across_emulator::{app_with_profiles, three_accounts};
use crate::support::{AwsFiles, app_on, run_instances, sdk_setup};
use awsterm::aws::ContextKey;
use awsterm::aws::tagging::{SdkTagging, TagFilter, TaggingApi};
use std::sync::Arc;

fn acct() -> ContextKey {
    ContextKey {
        profile: Some("acct".into()),
        region: "us-east-1".into(),
    }
}

fn adapter(files: &AwsFiles) -> SdkTagging {
    SdkTagging::new(Arc::new(awsterm::aws::SdkConfigs::new(sdk_setup(files))))
}

fn filter(key: &str, values: &[&str]) -> TagFilter {
    TagFilter {
        key: key.into(),
        values: values.iter().map(|v| v.to_string()).collect(),
    }
}

/// Two instances (`web-1` prod, `batch-1` dev), a bucket and a queue tagged Env=prod, each
/// with Team; returns the instance ids.
async fn seed(files: &AwsFiles, profile: &str) -> Vec<String> {
    let ec2 = files.ec2(profile).await;
    let ids = run_instances(
        &ec2,
        &[
            ("web-1", "prod", "t3.micro"),
            ("batch-1", "dev", "t3.small"),
        ],
    )
    .await;
    let s3 = files.s3(profile).await;
    // Bucket names are global, so each profile's has its name in it.
    let bucket = format!("tagged-{profile}-{}", files.account_id);
    s3.create_bucket()
        .bucket(&bucket)
        .send()
        .await
        .expect("bucket");
    s3.put_bucket_tagging()
        .bucket(&bucket)
        .tagging(
            aws_sdk_s3::types::Tagging::builder()
                .tag_set(
                    aws_sdk_s3::types::Tag::builder()
                        .key("Env")
                        .value("prod")
                        .build()
                        .unwrap(),
                )
                .build()
                .unwrap(),
        )
        .send()
        .await
        .expect("tag bucket");
    ids
}

#[tokio::test]
async fn resources_found_by_pair_by_key_and_by_type() {
    let files = AwsFiles::for_test("resources_found_by_pair_by_key_and_by_type");
    let ids = seed(&files, "acct").await;
    let tagging = adapter(&files);

    let prod = tagging
        .resources_page(acct(), vec![filter("Env", &["prod"])], vec![], None)
        .await
        .expect("Env=prod");
    let arns: Vec<&str> = prod.items.iter().map(|r| r.arn.as_str()).collect();
    assert!(
        arns.iter()
            .any(|a| a.ends_with(&format!("instance/{}", ids[0]))),
        "{arns:?}"
    );
    assert!(
        !arns
            .iter()
            .any(|a| a.ends_with(&format!("instance/{}", ids[1]))),
        "the dev instance is not prod: {arns:?}"
    );
    assert!(
        arns.iter().any(|a| a.starts_with("arn:aws:s3:::tagged-")),
        "{arns:?}"
    );

    let any_env = tagging
        .resources_page(acct(), vec![filter("Env", &[])], vec![], None)
        .await
        .expect("Env");
    assert!(any_env.items.len() > prod.items.len(), "{any_env:?}");

    let instances = tagging
        .resources_page(
            acct(),
            vec![filter("Env", &[])],
            vec!["ec2:instance".into()],
            None,
        )
        .await
        .expect("instances only");
    assert_eq!(instances.items.len(), 2, "{instances:?}");
    let web = instances
        .items
        .iter()
        .find(|r| r.arn.ends_with(&ids[0]))
        .unwrap();
    assert!(
        web.tags.contains(&("Name".into(), "web-1".into())),
        "{web:?}"
    );
}

#[tokio::test]
async fn the_view_through_the_app_opens_an_instance() {
    let files = AwsFiles::for_test("tagged_view_through_the_app_opens_an_instance");
    let ids = seed(&files, "acct").await;
    let mut h = app_on(&files);
    h.keys(":tagged Env=prod type=ec2:instance<Enter>").await;
    let screen = h.screen();
    assert!(
        screen.contains("Tagged · Env=prod type=ec2:instance [1]"),
        "{screen}"
    );
    assert!(
        screen.contains("web-1") && screen.contains("Env=prod"),
        "{screen}"
    );
    h.keys("<Enter>").await;
    let screen = h.screen();
    assert!(screen.contains(&ids[0]), "{screen}");
    assert!(
        screen.contains("t3.micro"),
        "the instance's details: {screen}"
    );
}

#[tokio::test]
async fn tagged_across_accounts() {
    let (files, accounts) = three_accounts("tagged_across_accounts");
    seed(&files, "team-a").await;
    seed(&files, "team-b").await;
    let mut h = app_with_profiles(&files, "team-a").await;
    h.keys(":tagged Env=prod type=ec2:instance @profiles team-a,team-b<Enter>")
        .await;
    let screen = h.screen();
    assert!(screen.contains("2 contexts · 2 answered"), "{screen}");
    assert_eq!(screen.matches("web-1").count(), 2, "{screen}");
    for account in &accounts[..2] {
        assert!(screen.contains(account.as_str()), "{account}: {screen}");
    }
}
