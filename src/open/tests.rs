use super::*;
use crate::aws::profiles::CredentialKind;
use proptest::prelude::*;

fn ctx(region: &str) -> ContextKey {
    ContextKey {
        profile: Some("dev".into()),
        region: region.into(),
    }
}

fn shape(effects: &[Effect]) -> Vec<String> {
    effects.iter().map(|e| format!("{e:?}")).collect()
}

#[test]
fn a_target_in_another_region_switches_to_it_with_the_same_profile() {
    let t = parse("arn:aws:ec2:eu-west-1:111122223333:instance/i-1").unwrap();
    let effects = effects(&t, &ctx("us-east-1"));
    assert_eq!(
        shape(&effects),
        [
            "SwitchContext(ContextKey { profile: Some(\"dev\"), region: \"eu-west-1\" })",
            "Run(ec2, None)",
            "Push",
        ]
    );
    // Already there: no switch.
    assert_eq!(
        shape(&super::effects(&t, &ctx("eu-west-1"))),
        ["Run(ec2, None)", "Push"]
    );
}

#[test]
fn each_kind_opens_its_most_useful_view_through_its_command() {
    let here = ctx("us-east-1");
    let cases = [
        ("s3://b-1/logs/", vec!["Run(s3, None)", "Push"]),
        ("s3://b-1/logs/a.txt", vec!["Run(s3, None)", "Push", "Push"]),
        (
            "arn:aws:dynamodb:us-east-1:111122223333:table/t",
            vec!["Run(ddb, None)", "Push"],
        ),
        (
            "arn:aws:lambda:us-east-1:111122223333:function:f",
            vec!["Run(lambda, None)", "Push"],
        ),
        (
            "arn:aws:ec2:us-east-1:111122223333:security-group/sg-1",
            vec!["Run(sg, None)", "Push"],
        ),
        (
            "arn:aws:ec2:us-east-1:111122223333:volume/vol-1",
            vec!["Run(volumes, None)", "Run(filter, Some(\"vol-1\"))"],
        ),
        (
            "arn:aws:rds:us-east-1:111122223333:db:d",
            vec!["Run(rds, None)", "Push"],
        ),
        (
            "arn:aws:logs:us-east-1:111122223333:log-group:/app:*",
            vec!["Run(tail, Some(\"/app\"))"],
        ),
        (
            "arn:aws:logs:us-east-1:111122223333:log-group:/app:log-stream:s",
            vec!["Run(logs, Some(\"/app\"))", "Push"],
        ),
    ];
    for (text, expected) in cases {
        assert_eq!(
            shape(&effects(&parse(text).unwrap(), &here)),
            expected,
            "{text}"
        );
    }
    let qualified = parse("arn:aws:lambda:us-east-1:111122223333:function:f:prod").unwrap();
    let shown = shape(&effects(&qualified, &here));
    assert!(shown[2].contains(":qualifier prod"), "{shown:?}");
}

#[test]
fn the_engines_kinds_open_their_list_which_opens_the_row() {
    let here = ctx("us-east-1");
    for text in [
        "arn:aws:secretsmanager:us-east-1:111122223333:secret:db-AbC12f",
        "arn:aws:sqs:us-east-1:111122223333:orders",
        "arn:aws:sns:us-east-1:111122223333:alerts",
        "arn:aws:ecs:us-east-1:111122223333:cluster/web",
        "arn:aws:ecs:us-east-1:111122223333:service/web/api",
        "arn:aws:ecs:us-east-1:111122223333:task/web/0a1b",
        "arn:aws:elasticloadbalancing:us-east-1:111122223333:loadbalancer/app/web/1",
        "arn:aws:elasticloadbalancing:us-east-1:111122223333:targetgroup/web/1",
        "arn:aws:ssm:us-east-1:111122223333:parameter/app/db-url",
        "arn:aws:iam::111122223333:role/deploy",
        "arn:aws:iam::111122223333:user/alice",
        "arn:aws:iam::111122223333:policy/ReadOnly",
        "arn:aws:route53:::hostedzone/Z1",
        "arn:aws:cloudformation:us-east-1:111122223333:stack/web/1",
        "arn:aws:cloudwatch:us-east-1:111122223333:alarm:api-5xx",
    ] {
        let effects = effects(&parse(text).unwrap(), &here);
        let [Effect::OpenListed(listed, at)] = effects.as_slice() else {
            panic!("{text}: {effects:?}");
        };
        assert_eq!(at, &here, "{text}");
        // What the app then does with it: the kind's list, which opens the row.
        assert_eq!(
            shape(&crate::panes::resource::listed::view(listed, here.clone())),
            ["OpenView"],
            "{text}"
        );
    }
    // In another region: the switch first; IAM (no region) stays where it is.
    let queue = parse("arn:aws:sqs:eu-west-1:111122223333:orders").unwrap();
    assert_eq!(
        shape(&effects(&queue, &here)),
        [
            "SwitchContext(ContextKey { profile: Some(\"dev\"), region: \"eu-west-1\" })",
            "OpenListed(Queue { name: \"orders\" }, ContextKey { profile: Some(\"dev\"), region: \"eu-west-1\" })"
        ]
    );
}

fn profile(name: &str, hint: Option<&str>) -> ProfileInfo {
    ProfileInfo {
        name: name.into(),
        region: None,
        kind: CredentialKind::AssumeRole,
        endpoint_url: None,
        sso_session: None,
        account_hint: hint.map(Into::into),
        mfa_serial: None,
    }
}

#[test]
fn another_accounts_target_is_said_naming_the_profile_that_is_that_account() {
    let t = parse("arn:aws:dynamodb:us-east-1:111111111111:table/orders").unwrap();
    let check = AccountCheck::of(&t, &ctx("us-east-1")).unwrap();
    assert_eq!(check.mismatch("111111111111", &[]), None);
    let profiles = [
        profile("dev", Some("222222222222")),
        profile("prod", Some("111111111111")),
    ];
    let said = check.mismatch("222222222222", &profiles).unwrap();
    assert_eq!(
        said,
        "table orders is in account 111111111111, profile dev is 222222222222 — profile prod is \
         (:profile prod)"
    );
    let said = check.mismatch("222222222222", &profiles[..1]).unwrap();
    assert!(
        said.ends_with("no configured profile is known to be that account"),
        "{said}"
    );
    // No account in the text (s3://, a console URL): nothing to check.
    assert_eq!(
        AccountCheck::of(&parse("s3://bucket/").unwrap(), &ctx("us-east-1")),
        None
    );
}

fn resource() -> impl Strategy<Value = Resource> {
    let name = "[a-zA-Z0-9_-]{1,20}";
    prop_oneof![
        ("[a-z0-9][a-z0-9-]{2,12}", "([a-z0-9]{1,5}/){0,3}")
            .prop_map(|(name, prefix)| Resource::Bucket { name, prefix }),
        ("[a-z0-9][a-z0-9-]{2,12}", "[a-z0-9/]{0,10}[a-z0-9]")
            .prop_map(|(bucket, key)| Resource::Object { bucket, key }),
        name.prop_map(|name| Resource::Table { name }),
        (name, proptest::option::of("[A-Za-z0-9]{1,8}"))
            .prop_map(|(name, qualifier)| Resource::Function { name, qualifier }),
        "i-[0-9a-f]{8}".prop_map(|id| Resource::Instance { id }),
        "sg-[0-9a-f]{8}".prop_map(|id| Resource::SecurityGroup { id }),
        "vol-[0-9a-f]{8}".prop_map(|id| Resource::Volume { id }),
        (name, any::<bool>()).prop_map(|(id, cluster)| Resource::Database { id, cluster }),
        "/[a-z0-9/_.-]{1,20}".prop_map(|name| Resource::LogGroup { name }),
        ("/[a-z0-9/_.-]{1,20}", "[a-z0-9/\\[\\]$]{1,20}")
            .prop_map(|(group, stream)| Resource::LogStream { group, stream }),
    ]
}

proptest! {
    /// What a view writes into a bookmark is read back as the same place.
    #[test]
    fn text_reads_back_as_the_same_target(
        resource in resource(),
        region in "(us|eu)-(east|west)-[12]",
        account in proptest::option::of("[0-9]{12}"),
    ) {
        let s3 = matches!(resource, Resource::Bucket { .. } | Resource::Object { .. });
        let target = Target {
            region: (!s3).then_some(region),
            account: account.filter(|_| !s3),
            resource,
        };
        prop_assert_eq!(parse(&target.text()).unwrap(), target);
    }
}
