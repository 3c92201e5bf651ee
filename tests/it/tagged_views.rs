//! `:tagged` through the real app loop on in-memory adapters: resources of several services
//! at 80×24 with the matching tags and the Name tag, malformed words refused before anything
//! is sent, Enter opening an EC2 instance, a bucket and a function in their own views (in the
//! ARN's region), a flash for a kind without a view, and a search across two profiles.

use crate::app_harness::{Harness, options, two_profiles};
use awsterm::aws::ec2::Instance;
use awsterm::aws::elb::LoadBalancer;
use awsterm::aws::fake::sqs::queue;
use awsterm::aws::fake::{
    ElbData, FakeEc2, FakeElb, FakeLambda, FakeS3, FakeSecret, FakeSecrets, FakeSqs, FakeSts,
    FakeTagging, SqsData, adapters_with,
};
use awsterm::aws::secrets::Secret;
use awsterm::aws::tagging::TaggedResource;

fn res(arn: &str, tags: &[(&str, &str)]) -> TaggedResource {
    TaggedResource {
        arn: arn.into(),
        tags: tags
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect(),
    }
}

fn resources() -> Vec<TaggedResource> {
    vec![
        res(
            "arn:aws:ec2:us-east-1:111111111111:instance/i-0abc123def4567890",
            &[("Name", "web-01"), ("Env", "prod"), ("Team", "shop")],
        ),
        res("arn:aws:s3:::acme-prod-assets", &[("Env", "prod")]),
        res(
            "arn:aws:lambda:us-east-1:111111111111:function:checkout",
            &[("Env", "prod"), ("Team", "payments")],
        ),
        res(
            "arn:aws:kinesis:us-east-1:111111111111:stream/clicks",
            &[("Env", "prod")],
        ),
        res(
            "arn:aws:ec2:us-east-1:111111111111:instance/i-0def987654321fedc",
            &[("Name", "batch-01"), ("Env", "dev")],
        ),
    ]
}

fn instance() -> Instance {
    Instance {
        id: "i-0abc123def4567890".into(),
        state: "running".into(),
        instance_type: "t3.micro".into(),
        tags: vec![("Name".into(), "web-01".into())],
        ..Instance::default()
    }
}

fn app(tagging: FakeTagging, width: u16) -> Harness {
    let fake = adapters_with(
        FakeSts::default()
            .with("dev", "111111111111", "user/alice")
            .with("prod", "222222222222", "assumed-role/ops/awsterm"),
        FakeS3::default().bucket("acme-prod-assets", &[("index.html", 120)]),
    )
    .with_tagging(tagging)
    .with_ec2(FakeEc2::with(vec![instance()]))
    .with_lambda(FakeLambda::default().function("checkout", "python3.12", &[]));
    Harness::sized(options(two_profiles(), "dev"), fake, width, 24)
}

#[tokio::test]
async fn resources_with_the_tags_at_80_columns() {
    let tagging = FakeTagging::with(resources());
    let asked = tagging.asked.clone();
    let mut h = app(tagging, 80);
    h.keys(":tagged Env=prod<Enter>").await;
    let screen = h.screen();
    assert!(screen.contains("Tagged · Env=prod [4]"), "{screen}");
    assert!(screen.contains("web-01"), "the Name tag: {screen}");
    assert!(
        screen.contains("acme-prod-assets") && screen.contains("bucket"),
        "{screen}"
    );
    assert!(screen.contains("Env=prod"), "{screen}");
    assert!(!screen.contains("batch-01"), "{screen}");
    insta::assert_snapshot!(screen);
    assert_eq!(asked.lock().unwrap().len(), 1);

    // Both must match; a key alone matches any value.
    h.keys(":tagged Env=prod Team<Enter>").await;
    let screen = h.screen();
    assert!(screen.contains("Tagged · Env=prod Team [2]"), "{screen}");
    assert!(screen.contains("Team=payments"), "{screen}");
}

#[tokio::test]
async fn a_malformed_pair_is_refused_before_anything_is_sent() {
    let tagging = FakeTagging::with(resources());
    let asked = tagging.asked.clone();
    let mut h = app(tagging, 80);
    h.keys(":tagged Env=<Enter>").await;
    let screen = h.screen();
    assert!(
        screen.contains("'Env=' has no value: write Env alone for any value"),
        "{screen}"
    );
    // The usage whole at 80 columns, not cut with `… ! shows all`.
    h.keys(":tagged<Enter>").await;
    let screen = h.screen();
    assert!(
        screen.contains(
            "tagged: usage: KEY[=VALUE]… [type=SERVICE[:TYPE]] [@all-regions|@profiles GLOB…]"
        ),
        "{screen}"
    );
    assert!(asked.lock().unwrap().is_empty(), "nothing sent");
}

#[tokio::test]
async fn enter_opens_an_instance_a_bucket_and_a_function_in_their_own_views() {
    let mut h = app(FakeTagging::with(resources()), 120);
    h.keys(":tagged Env=prod<Enter>/web-01<Enter><Enter>").await;
    let screen = h.screen();
    assert!(screen.contains("i-0abc123def4567890"), "{screen}");
    assert!(
        screen.contains("t3.micro"),
        "the instance's details: {screen}"
    );

    h.keys(":tagged Env=prod<Enter>/acme-prod<Enter><Enter>")
        .await;
    let screen = h.screen();
    assert!(
        screen.contains("index.html"),
        "the bucket's objects: {screen}"
    );

    h.keys(":tagged Env=prod<Enter>/checkout<Enter><Enter>")
        .await;
    let screen = h.screen();
    assert!(
        screen.contains("python3.12"),
        "the function's details: {screen}"
    );

    // A stream has no view here: a flash, and copy-arn still copies.
    h.keys(":tagged Env=prod<Enter>/clicks<Enter><Enter>").await;
    let screen = h.screen();
    assert!(
        screen.contains("no awsterm view for a kinesis stream"),
        "{screen}"
    );
    h.keys(":copy-arn<Enter>").await;
    let screen = h.screen();
    assert!(
        screen.contains("copied: arn:aws:kinesis:us-east-1:111111111111:stream/clicks"),
        "{screen}"
    );
}

fn load_balancer() -> LoadBalancer {
    LoadBalancer {
        name: "web-alb".into(),
        arn: LB.into(),
        kind: "application".into(),
        scheme: "internet-facing".into(),
        state: "active".into(),
        dns_name: "web-alb-1234567890.us-east-1.elb.amazonaws.com".into(),
        ..LoadBalancer::default()
    }
}

const LB: &str =
    "arn:aws:elasticloadbalancing:us-east-1:111111111111:loadbalancer/app/web-alb/50dc6c495c0c9188";
const SECRET: &str = "arn:aws:secretsmanager:us-east-1:111111111111:secret:prod/db-creds-AbC12f";

#[tokio::test]
async fn enter_opens_a_secret_a_queue_and_a_load_balancer_in_their_own_views() {
    let tagged = FakeTagging::with(vec![
        res(SECRET, &[("Env", "prod")]),
        res(
            "arn:aws:sqs:us-east-1:111111111111:orders",
            &[("Env", "prod")],
        ),
        res(LB, &[("Env", "prod")]),
    ]);
    let secret = Secret {
        name: "prod/db-creds".into(),
        arn: SECRET.into(),
        ..Secret::default()
    };
    let fake = adapters_with(
        FakeSts::default().with("dev", "111111111111", "user/alice"),
        FakeS3::default(),
    )
    .with_tagging(tagged)
    .with_secrets(FakeSecrets::with(vec![FakeSecret::text(secret, "hunter2")]))
    .with_sqs(FakeSqs::with(SqsData {
        queues: vec![queue("us-east-1", "111111111111", "orders", [7, 0, 0])],
        ..SqsData::default()
    }))
    .with_elb(FakeElb::with(ElbData {
        load_balancers: vec![load_balancer()],
        ..ElbData::default()
    }));
    let mut h = Harness::sized(options(two_profiles(), "dev"), fake, 80, 24);

    // The list shows the secret's name, not the suffix AWS appends to it.
    h.keys(":tagged Env=prod<Enter>").await;
    let screen = h.screen();
    assert!(screen.contains("prod/db-creds "), "{screen}");
    assert!(!screen.contains("prod/db-creds-AbC12f"), "{screen}");
    assert!(screen.contains("secretsmanager"), "SERVICE whole: {screen}");
    assert!(screen.contains("elasticloadbalancing"), "{screen}");
    assert!(screen.contains("TYPE"), "mixed types keep TYPE: {screen}");
    insta::assert_snapshot!(screen);

    h.keys("/db-creds<Enter><Enter>").await;
    let screen = h.screen();
    assert!(screen.contains("secret prod/db-creds"), "{screen}");
    assert!(screen.contains("value not read"), "{screen}");
    assert!(!screen.contains("hunter2"), "never before asked: {screen}");

    h.keys(":tagged Env=prod<Enter>/orders<Enter><Enter>").await;
    let screen = h.screen();
    assert!(screen.contains("queue orders"), "{screen}");

    h.keys(":tagged Env=prod<Enter>/web-alb<Enter><Enter>")
        .await;
    let screen = h.screen();
    assert!(screen.contains("load balancer web-alb"), "{screen}");

    // The same from the command line's way in: `:open ARN` (what `awsterm ARN` runs).
    h.keys(&format!(":open {LB}<Enter>")).await;
    let screen = h.screen();
    assert!(screen.contains("load balancer web-alb"), "{screen}");
    h.keys(":open arn:aws:sqs:us-east-1:111111111111:missing<Enter>")
        .await;
    let screen = h.screen();
    assert!(
        screen.contains("queue missing is not among the sqs queues"),
        "{screen}"
    );
}

#[tokio::test]
async fn tagged_resources_across_two_profiles_at_160_columns() {
    let prod = vec![res(
        "arn:aws:ec2:eu-west-1:222222222222:instance/i-0fedcba9876543210",
        &[("Name", "prod-web"), ("Env", "prod")],
    )];
    let tagging = FakeTagging::default()
        .context("dev", resources())
        .context("prod", prod);
    let mut h = app(tagging, 160);
    h.keys(":tagged Env=prod @profiles dev prod<Enter>").await;
    let screen = h.screen();
    assert!(screen.contains("2 contexts · 2 answered"), "{screen}");
    assert!(
        screen.contains("prod-web") && screen.contains("222222222222"),
        "{screen}"
    );
    assert!(screen.contains("web-01"), "{screen}");
    insta::assert_snapshot!(screen);
}

/// Enter pushes the resource's own view over the tagged list, so Esc comes back to the list
/// on the row it was opened from (as the console's Back does); the kind's list opened on the
/// way to the row goes with it. `:open ARN` (the command line's way in) still opens the kind's
/// list as the top-level view, under the resource.
#[tokio::test]
async fn esc_from_a_resource_opened_here_comes_back_to_the_tagged_list() {
    let tagged = FakeTagging::with(vec![
        res(SECRET, &[("Env", "prod")]),
        res(
            "arn:aws:sqs:us-east-1:111111111111:orders",
            &[("Env", "prod")],
        ),
        res(
            "arn:aws:ec2:us-east-1:111111111111:instance/i-0abc123def4567890",
            &[("Name", "web-01"), ("Env", "prod")],
        ),
    ]);
    let secret = Secret {
        name: "prod/db-creds".into(),
        arn: SECRET.into(),
        ..Secret::default()
    };
    let fake = adapters_with(
        FakeSts::default().with("dev", "111111111111", "user/alice"),
        FakeS3::default(),
    )
    .with_tagging(tagged)
    .with_ec2(FakeEc2::with(vec![instance()]))
    .with_secrets(FakeSecrets::with(vec![FakeSecret::text(secret, "hunter2")]))
    .with_sqs(FakeSqs::with(SqsData {
        queues: vec![queue("us-east-1", "111111111111", "orders", [7, 0, 0])],
        ..SqsData::default()
    }));
    let mut h = Harness::sized(options(two_profiles(), "dev"), fake, 80, 24);
    let back_on_the_list = |h: &Harness| {
        let screen = h.screen();
        assert!(screen.contains("Tagged · Env=prod [3]"), "{screen}");
        assert!(
            !screen.contains("Secrets") && !screen.contains("SQS queues"),
            "the lists on the way went with the resource: {screen}"
        );
    };

    // The queue, second row: its view, then back on the same row.
    h.keys(":tagged Env=prod<Enter>j<Enter>").await;
    assert!(h.screen().contains("queue orders"), "{}", h.screen());
    h.keys("<Esc>").await;
    back_on_the_list(&h);
    h.keys(":copy-arn<Enter>").await;
    assert!(
        h.screen()
            .contains("copied: arn:aws:sqs:us-east-1:111111111111:orders"),
        "the cursor where it was: {}",
        h.screen()
    );

    // The secret, first row; the instance, a document of its own.
    h.keys("k<Enter>").await;
    assert!(
        h.screen().contains("secret prod/db-creds"),
        "{}",
        h.screen()
    );
    h.keys("<Esc>").await;
    back_on_the_list(&h);
    h.keys("G<Enter>").await;
    assert!(h.screen().contains("t3.micro"), "{}", h.screen());
    h.keys("<Esc>").await;
    back_on_the_list(&h);
    h.keys(":copy-arn<Enter>").await;
    assert!(
        h.screen()
            .contains("copied: arn:aws:ec2:us-east-1:111111111111:instance/"),
        "{}",
        h.screen()
    );

    // From the command line's way in, the queue's list is the view under the queue.
    h.keys(":open arn:aws:sqs:us-east-1:111111111111:orders<Enter>")
        .await;
    assert!(h.screen().contains("queue orders"), "{}", h.screen());
    h.keys("<Esc>").await;
    let screen = h.screen();
    assert!(screen.contains("SQS queues"), "{screen}");
    assert!(!screen.contains("Tagged"), "{screen}");
}
