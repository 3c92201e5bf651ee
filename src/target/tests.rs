use super::*;
use proptest::prelude::*;

fn ok(text: &str) -> Target {
    parse(text).unwrap_or_else(|e| panic!("{text}: {e}"))
}

fn res(text: &str) -> Resource {
    ok(text).resource
}

fn bucket(name: &str, prefix: &str) -> Resource {
    Resource::Bucket {
        name: name.into(),
        prefix: prefix.into(),
    }
}

#[test]
fn s3_uris_name_a_prefix_or_an_object() {
    assert_eq!(res("s3://acme-logs"), bucket("acme-logs", ""));
    assert_eq!(res("s3://acme-logs/"), bucket("acme-logs", ""));
    assert_eq!(
        res("s3://acme-logs/2026/11/"),
        bucket("acme-logs", "2026/11/")
    );
    assert_eq!(
        res("s3://acme-logs/2026/11/app.log"),
        Resource::Object {
            bucket: "acme-logs".into(),
            key: "2026/11/app.log".into()
        }
    );
    let t = ok("s3://acme-logs/a");
    assert_eq!((t.region, t.account), (None, None));
}

#[test]
fn arns_of_every_kind_with_a_view() {
    let t = ok("arn:aws:dynamodb:eu-west-1:111122223333:table/orders");
    assert_eq!(t.region.as_deref(), Some("eu-west-1"));
    assert_eq!(t.account.as_deref(), Some("111122223333"));
    assert_eq!(
        t.resource,
        Resource::Table {
            name: "orders".into()
        }
    );
    assert_eq!(
        res("arn:aws:dynamodb:eu-west-1:111122223333:table/orders/index/by-date"),
        Resource::Table {
            name: "orders".into()
        }
    );
    assert_eq!(res("arn:aws:s3:::acme-logs"), bucket("acme-logs", ""));
    assert_eq!(
        res("arn:aws:s3:::acme-logs/a/b/"),
        bucket("acme-logs", "a/b/")
    );
    assert_eq!(
        res("arn:aws:s3:::acme-logs/a/b.txt"),
        Resource::Object {
            bucket: "acme-logs".into(),
            key: "a/b.txt".into()
        }
    );
    assert_eq!(
        res("arn:aws:lambda:us-east-1:111122223333:function:api"),
        Resource::Function {
            name: "api".into(),
            qualifier: None
        }
    );
    assert_eq!(
        res("arn:aws:lambda:us-east-1:111122223333:function:api:prod"),
        Resource::Function {
            name: "api".into(),
            qualifier: Some("prod".into())
        }
    );
    assert_eq!(
        res("arn:aws:ec2:us-east-1:111122223333:instance/i-0abc"),
        Resource::Instance {
            id: "i-0abc".into()
        }
    );
    assert_eq!(
        res("arn:aws:ec2:us-east-1:111122223333:security-group/sg-12"),
        Resource::SecurityGroup { id: "sg-12".into() }
    );
    assert_eq!(
        res("arn:aws:ec2:us-east-1:111122223333:volume/vol-9"),
        Resource::Volume { id: "vol-9".into() }
    );
    assert_eq!(
        res("arn:aws:rds:us-east-1:111122223333:db:orders-db"),
        Resource::Database {
            id: "orders-db".into(),
            cluster: false
        }
    );
    assert_eq!(
        res("arn:aws:rds:us-east-1:111122223333:cluster:orders"),
        Resource::Database {
            id: "orders".into(),
            cluster: true
        }
    );
    let group = Resource::LogGroup {
        name: "/aws/lambda/api".into(),
    };
    assert_eq!(
        res("arn:aws:logs:us-east-1:111122223333:log-group:/aws/lambda/api"),
        group
    );
    assert_eq!(
        res("arn:aws:logs:us-east-1:111122223333:log-group:/aws/lambda/api:*"),
        group
    );
    assert_eq!(
        res(
            "arn:aws:logs:us-east-1:111122223333:log-group:/aws/lambda/api:log-stream:2026/11/[$LATEST]ab"
        ),
        Resource::LogStream {
            group: "/aws/lambda/api".into(),
            stream: "2026/11/[$LATEST]ab".into()
        }
    );
    // Other partitions.
    assert_eq!(
        ok("arn:aws-cn:ec2:cn-north-1:111122223333:instance/i-1")
            .region
            .as_deref(),
        Some("cn-north-1")
    );
}

#[test]
fn console_urls_of_each_service() {
    let t = ok(
        "https://eu-west-1.console.aws.amazon.com/s3/buckets/acme-logs?region=eu-west-1&prefix=a/b/",
    );
    assert_eq!(t.region.as_deref(), Some("eu-west-1"));
    assert_eq!(t.resource, bucket("acme-logs", "a/b/"));
    assert_eq!(
        res(
            "https://s3.console.aws.amazon.com/s3/buckets/acme-logs?region=us-east-2&prefix=a%2Fb&showversions=false"
        ),
        bucket("acme-logs", "a/b/")
    );
    assert_eq!(
        res(
            "https://s3.console.aws.amazon.com/s3/object/acme-logs?region=us-east-2&prefix=a/b.txt"
        ),
        Resource::Object {
            bucket: "acme-logs".into(),
            key: "a/b.txt".into()
        }
    );
    let t = ok(
        "https://us-east-1.console.aws.amazon.com/lambda/home?region=eu-central-1#/functions/api?tab=code",
    );
    assert_eq!(
        t.region.as_deref(),
        Some("eu-central-1"),
        "the query's region wins"
    );
    assert_eq!(
        t.resource,
        Resource::Function {
            name: "api".into(),
            qualifier: None
        }
    );
    assert_eq!(
        res(
            "https://us-east-1.console.aws.amazon.com/ec2/home?region=us-east-1#InstanceDetails:instanceId=i-0abc"
        ),
        Resource::Instance {
            id: "i-0abc".into()
        }
    );
    assert_eq!(
        res(
            "https://console.aws.amazon.com/ec2/v2/home?region=us-east-1#SecurityGroup:groupId=sg-1"
        ),
        Resource::SecurityGroup { id: "sg-1".into() }
    );
    assert_eq!(
        res(
            "https://console.aws.amazon.com/ec2/home?region=us-east-1#VolumeDetails:volumeId=vol-1"
        ),
        Resource::Volume { id: "vol-1".into() }
    );
    assert_eq!(
        res(
            "https://us-east-1.console.aws.amazon.com/dynamodbv2/home?region=us-east-1#table?name=orders"
        ),
        Resource::Table {
            name: "orders".into()
        }
    );
    assert_eq!(
        res(
            "https://us-east-1.console.aws.amazon.com/dynamodbv2/home?region=us-east-1#item-explorer?maximize=true&table=orders"
        ),
        Resource::Table {
            name: "orders".into()
        }
    );
    assert_eq!(
        res(
            "https://us-east-1.console.aws.amazon.com/cloudwatch/home?region=us-east-1#logsV2:log-groups/log-group/$252Faws$252Flambda$252Fapi"
        ),
        Resource::LogGroup {
            name: "/aws/lambda/api".into()
        }
    );
    assert_eq!(
        res(
            "https://us-east-1.console.aws.amazon.com/cloudwatch/home?region=us-east-1#logsV2:log-groups/log-group/$252Fapp/log-events/web$252F1$255B$2524LATEST$255D"
        ),
        Resource::LogStream {
            group: "/app".into(),
            stream: "web/1[$LATEST]".into()
        }
    );
    assert_eq!(
        res(
            "https://us-east-1.console.aws.amazon.com/rds/home?region=us-east-1#database:id=orders-db;is-cluster=false"
        ),
        Resource::Database {
            id: "orders-db".into(),
            cluster: false
        }
    );
    assert_eq!(
        res(
            "https://us-east-1.console.aws.amazon.com/rds/home?region=us-east-1#database:id=orders;is-cluster=true"
        ),
        Resource::Database {
            id: "orders".into(),
            cluster: true
        }
    );
}

#[test]
fn an_arn_of_a_service_without_a_view_says_so_before_its_fields() {
    let e = parse("arn:aws:foo:us-east-1:1:bar").unwrap_err();
    assert!(e.contains("no view for foo ARNs"), "{e}");
    let e = parse("arn:aws:ec2:us-east-1:1:instance/i-1").unwrap_err();
    assert!(e.contains("'1' is not an account id"), "{e}");
}

#[test]
fn anything_else_is_refused_with_the_forms_understood() {
    for text in [
        "",
        "acme-logs",
        "s3://",
        "s3://a",
        "s3://bad bucket/x",
        "arn:aws:s3",
        "arn:aws:iam::111122223333:role/admin",
        "arn:aws:ec2:us-east-1:111122223333:image/ami-1",
        "arn:aws:ec2:us-east-1:111122223333:instance/",
        "arn:aws:ec2:us-east-9x:111122223333:instance/i-1",
        "arn:aws:ec2:us-east-1:12345:instance/i-1",
        "arn:aws:lambda:us-east-1:111122223333:layer:x",
        "arn:aws:logs:us-east-1:111122223333:destination:x",
        "arn:gcp:ec2:us-east-1:111122223333:instance/i-1",
        "https://example.com/s3/buckets/x",
        "https://us-east-1.console.aws.amazon.com/iam/home#/roles",
        "https://us-east-1.console.aws.amazon.com/ec2/home?region=us-east-1#Instances:",
        "https://us-east-1.console.aws.amazon.com/dynamodbv2/home?region=us-east-1#tables",
        "https://us-east-1.console.aws.amazon.com/lambda/home?region=us-east-1#/functions",
    ] {
        let e = parse(text).expect_err(text);
        assert!(e.contains("understood: s3://BUCKET/PREFIX/"), "{text}: {e}");
    }
}

#[test]
fn errors_show_hostile_text_made_visible_and_short() {
    let e = parse(&format!("\u{1b}[31m{}", "x".repeat(500))).unwrap_err();
    assert!(!e.contains('\u{1b}'), "{e:?}");
    assert!(e.len() < 600, "{}", e.len());
}

proptest! {
    /// Whatever is typed, the parser answers (never panics) and a target it accepts names a
    /// resource the text really contains.
    #[test]
    fn never_panics(text in "\\PC{0,80}") {
        let _ = parse(&text);
    }

    #[test]
    fn s3_uris_round_trip(
        bucket in "[a-z0-9][a-z0-9.-]{2,20}",
        key in "[a-zA-Z0-9_./ -]{0,40}",
    ) {
        let t = parse(&format!("s3://{bucket}/{key}")).unwrap();
        let back = match t.resource {
            Resource::Bucket { name, prefix } => { prop_assert!(prefix.is_empty() || prefix.ends_with('/')); format!("{name}/{prefix}") }
            Resource::Object { bucket, key } => { prop_assert!(!key.ends_with('/')); format!("{bucket}/{key}") }
            other => return Err(TestCaseError::fail(format!("{other:?}"))),
        };
        prop_assert_eq!(back, format!("{bucket}/{key}"));
    }

    #[test]
    fn arns_keep_region_account_and_id(
        region in "(us|eu|ap)-(east|west|south)-[1-3]",
        account in "[0-9]{12}",
        id in "i-[0-9a-f]{8,17}",
    ) {
        let t = parse(&format!("arn:aws:ec2:{region}:{account}:instance/{id}")).unwrap();
        prop_assert_eq!(t.region, Some(region));
        prop_assert_eq!(t.account, Some(account));
        prop_assert_eq!(t.resource, Resource::Instance { id });
    }

    #[test]
    fn console_log_group_names_decode_exactly(name in "/[a-zA-Z0-9_./#-]{1,40}") {
        // The console's encoding: percent-encoded twice, then `%` written as `$`.
        let once: String = percent_encoding::utf8_percent_encode(&name, percent_encoding::NON_ALPHANUMERIC).to_string();
        let twice = percent_encoding::utf8_percent_encode(&once, percent_encoding::NON_ALPHANUMERIC).to_string();
        let url = format!(
            "https://us-east-1.console.aws.amazon.com/cloudwatch/home?region=us-east-1#logsV2:log-groups/log-group/{}",
            twice.replace('%', "$")
        );
        prop_assert_eq!(parse(&url).unwrap().resource, Resource::LogGroup { name });
    }
}
