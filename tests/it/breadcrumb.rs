//! The header's breadcrumb: the titles of the views above home, innermost kept when the
//! terminal is narrow, AWS-sourced parts sanitized.

use crate::app_harness::{Harness, options, two_profiles};
use awsterm::aws::ec2::Instance;
use awsterm::aws::fake::{FakeEc2, FakeS3, FakeSts, adapters, adapters_with};

fn fleet() -> awsterm::aws::Adapters {
    let mut ec2 = FakeEc2::with(vec![Instance {
        id: "i-0abc".into(),
        state: "running".into(),
        instance_type: "t3.micro".into(),
        az: "us-east-1a".into(),
        private_ip: Some("192.0.2.7".into()),
        public_ip: None,
        launched: None,
        key_name: None,
        tags: vec![("Name".into(), "web-01".into())],
    }]);
    ec2.console.insert("i-0abc".into(), "boot ok".into());
    adapters(FakeSts::default().with("dev", "111111111111", "user/alice")).with_ec2(ec2)
}

#[tokio::test]
async fn one_view_above_home_has_no_breadcrumb_its_border_names_it() {
    let mut h = Harness::sized(options(two_profiles(), "dev"), fleet(), 120, 24);
    h.keys(":ec2<Enter>").await;
    assert!(!h.header().contains('›'), "{}", h.header());
    assert!(h.header().contains("user/alice"), "{}", h.header());
}

#[tokio::test]
async fn the_breadcrumb_at_120_columns_shows_the_whole_path() {
    let mut h = Harness::sized(options(two_profiles(), "dev"), fleet(), 120, 24);
    h.keys(":ec2<Enter>o").await;
    let header = h.header();
    assert!(
        header.contains("EC2 instances › console output · i-0abc"),
        "{header}"
    );
    assert!(header.contains("account 111111111111"), "{header}");
    insta::assert_snapshot!(header);
}

#[tokio::test]
async fn the_breadcrumb_at_80_columns_gives_way_when_the_innermost_title_cannot_show_whole() {
    let mut h = Harness::sized(options(two_profiles(), "dev"), fleet(), 80, 24);
    h.keys(":ec2<Enter>o").await;
    let header = h.header();
    // 13 cells are left beside the account: a cut title ("console outp…") would say less
    // than the principal it pushes out, so the principal stays.
    assert!(
        header.contains("account 111111111111 user/alice"),
        "{header}"
    );
    assert!(!header.contains("console"), "{header}");
    assert!(!header.contains("EC2 instances"), "{header}");
    assert!(header.contains("account 111111111111"), "{header}");
    insta::assert_snapshot!(header);
}

#[tokio::test]
async fn a_hostile_key_in_the_breadcrumb_is_made_visible() {
    let s3 = FakeS3::default().bucket("acme-assets", &[("evil/\u{1b}[31mred.txt", 7)]);
    let fake = adapters_with(
        FakeSts::default().with("dev", "111111111111", "user/alice"),
        s3,
    );
    let mut h = Harness::sized(options(two_profiles(), "dev"), fake, 120, 24);
    h.keys(":s3<Enter><Enter><Enter><Enter>").await;
    let header = h.header();
    assert!(header.contains("› ␛[31mred.txt"), "{header}");
    assert!(!header.contains('\u{1b}'), "{header:?}");
}
