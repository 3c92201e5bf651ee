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
        "arn:aws:iam::111122223333:group/admins",
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

fn listed(text: &str) -> Listed {
    match res(text) {
        Resource::Listed(l) => l,
        other => panic!("{text}: {other:?}"),
    }
}

#[test]
fn arns_of_the_engines_kinds_in_their_real_forms() {
    let a = "arn:aws:secretsmanager:eu-west-1:111122223333:secret:prod/db-creds-AbC12f";
    let s = listed(a);
    assert_eq!(
        s,
        Listed::Secret {
            id: "prod/db-creds-AbC12f".into()
        }
    );
    assert_eq!(s.describe(), "secret prod/db-creds");
    assert_eq!(ok(a).text(), a);
    for (arn, want) in [
        (
            "arn:aws:sqs:eu-west-1:111122223333:orders.fifo",
            Listed::Queue {
                name: "orders.fifo".into(),
            },
        ),
        (
            "arn:aws:sns:eu-west-1:111122223333:alerts",
            Listed::Topic {
                name: "alerts".into(),
            },
        ),
        // A subscription opens its topic.
        (
            "arn:aws:sns:eu-west-1:111122223333:alerts:0b5c4b4e-2f0a-4bd4-9b43-2f3c2e1d9a10",
            Listed::Topic {
                name: "alerts".into(),
            },
        ),
        (
            "arn:aws:ecs:eu-west-1:111122223333:cluster/web",
            Listed::EcsCluster { name: "web".into() },
        ),
        (
            "arn:aws:ecs:eu-west-1:111122223333:service/web/api",
            Listed::EcsService {
                cluster: "web".into(),
                name: "api".into(),
            },
        ),
        (
            "arn:aws:ecs:eu-west-1:111122223333:task/web/0a1b2c3d4e5f",
            Listed::EcsTask {
                cluster: "web".into(),
                id: "0a1b2c3d4e5f".into(),
            },
        ),
        (
            "arn:aws:elasticloadbalancing:eu-west-1:111122223333:loadbalancer/app/web-alb/50dc6c495c0c9188",
            Listed::LoadBalancer {
                path: "app/web-alb/50dc6c495c0c9188".into(),
            },
        ),
        (
            "arn:aws:elasticloadbalancing:eu-west-1:111122223333:loadbalancer/net/nlb/1234",
            Listed::LoadBalancer {
                path: "net/nlb/1234".into(),
            },
        ),
        (
            "arn:aws:elasticloadbalancing:eu-west-1:111122223333:targetgroup/web-tg/6d0ecf831eec9f09",
            Listed::TargetGroup {
                path: "web-tg/6d0ecf831eec9f09".into(),
            },
        ),
        (
            "arn:aws:ssm:eu-west-1:111122223333:parameter/app/prod/db-url",
            Listed::Parameter {
                name: "/app/prod/db-url".into(),
            },
        ),
        (
            "arn:aws:iam::111122223333:role/service-role/deploy",
            Listed::Role {
                path: "service-role/deploy".into(),
            },
        ),
        (
            "arn:aws:iam::111122223333:user/alice",
            Listed::User {
                path: "alice".into(),
            },
        ),
        (
            "arn:aws:iam::111122223333:policy/ops/ReadOnly",
            Listed::Policy {
                path: "ops/ReadOnly".into(),
            },
        ),
        (
            "arn:aws:route53:::hostedzone/Z0123456789ABCDEFGHIJ",
            Listed::HostedZone {
                id: "Z0123456789ABCDEFGHIJ".into(),
            },
        ),
        (
            "arn:aws:cloudformation:eu-west-1:111122223333:stack/web/6a1f3c10-af3c-11ee-9a10-0a1b2c3d4e5f",
            Listed::Stack {
                name: "web".into(),
                id: "6a1f3c10-af3c-11ee-9a10-0a1b2c3d4e5f".into(),
            },
        ),
        (
            "arn:aws:cloudwatch:eu-west-1:111122223333:alarm:api 5xx: high",
            Listed::Alarm {
                name: "api 5xx: high".into(),
            },
        ),
    ] {
        let t = ok(arn);
        assert_eq!(t.resource, Resource::Listed(want), "{arn}");
        // Subscriptions aside, the text is the ARN again.
        if !arn.contains("alerts:") {
            assert_eq!(t.text(), arn);
        }
    }
    // IAM and Route 53 name no region; the ARN text keeps it so.
    let role = ok("arn:aws:iam::111122223333:role/deploy");
    assert_eq!(role.region, None);
    let placed = Target {
        region: Some("eu-west-1".into()),
        ..role
    };
    assert_eq!(placed.text(), "arn:aws:iam::111122223333:role/deploy");
    assert_eq!(ok("arn:aws:route53:::hostedzone/Z1").account, None);
}

#[test]
fn engine_arns_awsterm_cannot_open_say_so() {
    for (arn, says) in [
        (
            "arn:aws:elasticloadbalancing:eu-west-1:111122223333:listener/app/web/1/2",
            "no view for the elasticloadbalancing resource",
        ),
        (
            "arn:aws:iam::111122223333:group/admins",
            "no view for the iam resource",
        ),
        (
            "arn:aws:iam::111122223333:role/",
            "no view for the iam resource",
        ),
        (
            "arn:aws:ecs:eu-west-1:111122223333:task-definition/web:3",
            "no view for the ecs",
        ),
        (
            "arn:aws:ecs:eu-west-1:111122223333:service/api",
            "no view for the ecs",
        ),
        (
            "arn:aws:secretsmanager:eu-west-1:111122223333:secret:",
            "no view",
        ),
        (
            "arn:aws:ssm:eu-west-1:111122223333:document/run",
            "no view for the ssm",
        ),
        (
            "arn:aws:cloudwatch:eu-west-1:111122223333:dashboard/x",
            "no view",
        ),
        (
            "arn:aws:kinesis:eu-west-1:111122223333:stream/clicks",
            "no view for kinesis ARNs",
        ),
    ] {
        let err = parse(arn).unwrap_err();
        assert!(err.contains(says), "{arn}: {err}");
    }
}

#[test]
fn a_secrets_name_loses_only_the_six_characters_aws_appends() {
    assert_eq!(secret_name("db-creds-AbC12f"), "db-creds");
    assert_eq!(secret_name("prod/api-key-x1Y2z3"), "prod/api-key");
    // A partial ARN: no suffix to drop.
    assert_eq!(secret_name("db-creds"), "db-creds");
    assert_eq!(secret_name("token-abc"), "token-abc");
    assert_eq!(secret_name("-AbC12f"), "-AbC12f");
}

proptest! {
    #[test]
    fn engine_arns_round_trip(
        region in "(us|eu|ap)-(east|west|south)-[1-3]",
        account in "[0-9]{12}",
        name in "[a-zA-Z0-9_.+=@-]{1,30}",
        kind in 0usize..6,
    ) {
        let arn = match kind {
            0 => format!("arn:aws:sqs:{region}:{account}:{name}"),
            1 => format!("arn:aws:sns:{region}:{account}:{name}"),
            2 => format!("arn:aws:ecs:{region}:{account}:service/c-{name}/{name}"),
            3 => format!("arn:aws:ssm:{region}:{account}:parameter/app/{name}"),
            4 => format!("arn:aws:iam::{account}:role/path/{name}"),
            _ => format!("arn:aws:secretsmanager:{region}:{account}:secret:{name}-AbC12f"),
        };
        let t = parse(&arn).unwrap();
        prop_assert_eq!(t.text(), arn);
    }
}
