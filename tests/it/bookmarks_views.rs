//! Bookmarks on the in-memory fakes: what `:bm add` writes for each kind of view, what it
//! refuses, and `:bm NAME` reopening it (context, view, filter).

use crate::accounts_views::instance;
use crate::app_harness::{Harness, options, two_profiles};
use awsterm::aws::fake::{FakeEc2, FakeSts, adapters};

fn harness(dir: &tempfile::TempDir) -> Harness {
    let ec2 = FakeEc2::with(vec![
        instance("i-0aaa", "web-01"),
        instance("i-0bbb", "db-01"),
    ]);
    let fakes =
        adapters(FakeSts::default().with("dev", "111111111111", "user/alice")).with_ec2(ec2);
    let mut h = Harness::sized(options(two_profiles(), "dev"), fakes, 120, 30);
    h.app
        .set_bookmark_file(Some(dir.path().join("bookmarks.toml")));
    h
}

fn saved(dir: &tempfile::TempDir) -> Vec<awsterm::bookmarks::Bookmark> {
    awsterm::bookmarks::read(&dir.path().join("bookmarks.toml")).unwrap()
}

#[tokio::test]
async fn a_scoped_list_is_saved_with_its_scope_and_filter_and_reopened_by_name() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(&dir);
    h.keys(":ec2 @regions us-east-1<Enter>/web<Enter>").await;
    h.keys(":bm add fleet<Enter>").await;
    assert!(
        h.screen().contains("bookmark fleet saved"),
        "{}",
        h.screen()
    );
    let list = saved(&dir);
    assert_eq!(list.len(), 1);
    let b = &list[0];
    assert_eq!(
        (
            b.open.as_str(),
            b.filter.as_str(),
            b.profile.as_deref(),
            b.region.as_str()
        ),
        (":ec2 @regions us-east-1", "web", Some("dev"), "us-east-1")
    );

    let mut h = harness(&dir);
    h.keys(":bm fleet<Enter>").await;
    let screen = h.screen();
    assert!(
        screen.contains("web-01") && !screen.contains("db-01"),
        "{screen}"
    );
}

#[tokio::test]
async fn details_opened_by_a_target_are_saved_as_that_target() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(&dir);
    h.keys(":open arn:aws:ec2:us-east-1:111111111111:instance/i-0aaa<Enter>")
        .await;
    assert!(
        h.header().contains("EC2 instances › i-0aaa"),
        "{}",
        h.header()
    );
    h.keys(":bm add web<Enter>").await;
    assert_eq!(
        saved(&dir)[0].open,
        ":open arn:aws:ec2:us-east-1::instance/i-0aaa"
    );
}

#[tokio::test]
async fn a_view_that_cannot_be_reopened_says_so_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(&dir);
    h.keys("?").await;
    h.keys(":bm add help<Enter>").await;
    assert!(
        h.screen().contains("cannot be bookmarked"),
        "{}",
        h.screen()
    );
    assert!(!dir.path().join("bookmarks.toml").exists());
    h.keys(":bm add no way<Enter>").await;
    assert!(h.screen().contains("usage: :bm"), "{}", h.screen());
}
