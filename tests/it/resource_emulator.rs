//! Security groups and EBS volumes through the real app loop and SDK adapters against the
//! emulator: rules both ways (CIDRs, another group, a prefix list), the instances using a group,
//! volumes attached to an instance; then both kinds across two accounts and two regions.

use crate::across_emulator::{app_with_profiles, line_with, three_accounts};
use crate::support::{AwsFiles, app_on, run_instances};
use aws_sdk_ec2::types::{
    IpPermission, IpRange, PrefixListId, ResourceType, Tag, TagSpecification, UserIdGroupPair,
    VolumeType,
};

async fn create_group(ec2: &aws_sdk_ec2::Client, name: &str, description: &str) -> String {
    ec2.create_security_group()
        .group_name(name)
        .description(description)
        .send()
        .await
        .expect("create group")
        .group_id()
        .expect("group id")
        .to_string()
}

/// A `size` GiB gp3 volume named `name` in us-east-1a, attached to `instance` at /dev/sdf.
async fn attached_volume(
    ec2: &aws_sdk_ec2::Client,
    name: &str,
    size: i32,
    instance: &str,
) -> String {
    let zone = ec2
        .describe_instances()
        .instance_ids(instance)
        .send()
        .await
        .expect("describe")
        .reservations()[0]
        .instances()[0]
        .placement()
        .and_then(|p| p.availability_zone())
        .expect("zone")
        .to_string();
    let id = ec2
        .create_volume()
        .availability_zone(zone)
        .size(size)
        .volume_type(VolumeType::Gp3)
        .tag_specifications(
            TagSpecification::builder()
                .resource_type(ResourceType::Volume)
                .tags(Tag::builder().key("Name").value(name).build())
                .build(),
        )
        .send()
        .await
        .expect("create volume")
        .volume_id()
        .expect("volume id")
        .to_string();
    ec2.attach_volume()
        .volume_id(&id)
        .instance_id(instance)
        .device("/dev/sdf")
        .send()
        .await
        .expect("attach volume");
    id
}

#[tokio::test]
async fn security_groups_with_rules_both_ways_and_the_instances_using_them() {
    let files =
        AwsFiles::for_test("security_groups_with_rules_both_ways_and_the_instances_using_them");
    let raw = files.ec2("acct").await;
    let ids = run_instances(&raw, &[("web-01", "prod", "t3.micro")]).await;
    let bastion = create_group(&raw, "bastion-sg", "bastion hosts").await;
    let web = create_group(&raw, "web-sg", "web servers").await;
    let prefix_list = raw
        .create_managed_prefix_list()
        .prefix_list_name("office-ranges")
        .max_entries(5)
        .address_family("IPv4")
        .send()
        .await
        .expect("create prefix list")
        .prefix_list()
        .and_then(|p| p.prefix_list_id())
        .expect("prefix list id")
        .to_string();
    raw.authorize_security_group_ingress()
        .group_id(&web)
        .ip_permissions(
            IpPermission::builder()
                .ip_protocol("tcp")
                .from_port(443)
                .to_port(443)
                .ip_ranges(
                    IpRange::builder()
                        .cidr_ip("198.51.100.0/24")
                        .description("office")
                        .build(),
                )
                .build(),
        )
        .ip_permissions(
            IpPermission::builder()
                .ip_protocol("tcp")
                .from_port(22)
                .to_port(22)
                .user_id_group_pairs(UserIdGroupPair::builder().group_id(&bastion).build())
                .build(),
        )
        .ip_permissions(
            IpPermission::builder()
                .ip_protocol("tcp")
                .from_port(8000)
                .to_port(8100)
                .prefix_list_ids(PrefixListId::builder().prefix_list_id(&prefix_list).build())
                .build(),
        )
        .send()
        .await
        .expect("authorize");
    raw.modify_instance_attribute()
        .instance_id(&ids[0])
        .groups(&web)
        .send()
        .await
        .expect("attach group");

    let mut h = app_on(&files);
    h.keys(":sg<Enter>").await;
    let screen = h.screen();
    assert!(screen.contains("Security groups [3]"), "{screen}");
    assert!(!screen.contains("loading"), "{screen}");
    let line = line_with(&screen, &web);
    assert!(
        line.contains("web-sg") && line.contains("web servers"),
        "{line}"
    );
    // Three inbound rules (a CIDR, a group, a prefix list); the default outbound rule.
    let cells: Vec<&str> = line.split_whitespace().collect();
    assert!(
        cells.windows(2).any(|w| w == ["3", "1"]),
        "rule counts: {line}"
    );
    assert!(screen.contains(&bastion), "{screen}");

    h.keys(&format!("/{web}<Enter><Enter>")).await;
    let screen = h.screen();
    assert!(screen.contains("Inbound rules"), "{screen}");
    assert!(
        line_with(&screen, "198.51.100.0/24").contains("office"),
        "{screen}"
    );
    assert!(
        line_with(&screen, &bastion).contains("22"),
        "the group as the source: {screen}"
    );
    assert!(
        line_with(&screen, &prefix_list).contains("8000-8100"),
        "{screen}"
    );
    assert!(screen.contains("Outbound rules"), "{screen}");
    let used = line_with(&screen, &ids[0]);
    assert!(
        used.contains("web-01") && used.contains("running"),
        "used by: {used}"
    );
}

#[tokio::test]
async fn volumes_with_their_size_type_state_and_attachment() {
    let files = AwsFiles::for_test("volumes_with_their_size_type_state_and_attachment");
    let raw = files.ec2("acct").await;
    let ids = run_instances(&raw, &[("db-01", "prod", "t3.micro")]).await;
    let volume = attached_volume(&raw, "orders-data", 20, &ids[0]).await;

    let mut h = app_on(&files);
    h.keys(":volumes<Enter>").await;
    let screen = h.screen();
    assert!(!screen.contains("loading"), "{screen}");
    let line = line_with(&screen, &volume);
    for expected in [
        "orders-data",
        "20 GiB",
        "gp3",
        "in-use",
        &ids[0],
        "/dev/sdf",
    ] {
        assert!(line.contains(expected), "{expected} in {line}");
    }

    h.keys(&format!("/{volume}<Enter><Enter>")).await;
    let screen = h.screen();
    assert!(screen.contains("Attachments"), "{screen}");
    let attachment = line_with(&screen, &ids[0]);
    assert!(
        attachment.contains("/dev/sdf") && attachment.contains("attached"),
        "{attachment}"
    );
    assert!(line_with(&screen, "Encrypted").contains("no"), "{screen}");
}

#[tokio::test]
async fn both_kinds_across_accounts_and_regions() {
    let (files, accounts) = three_accounts("both_kinds_across_accounts_and_regions");
    let mut volumes = Vec::new();
    for team in ["a", "b"] {
        let ec2 = files.ec2(&format!("team-{team}")).await;
        create_group(&ec2, &format!("app-{team}-sg"), "application").await;
        let ids = run_instances(&ec2, &[(&format!("app-{team}"), "prod", "t3.micro")]).await;
        volumes.push(attached_volume(&ec2, &format!("data-{team}"), 10, &ids[0]).await);
    }
    let mut h = app_with_profiles(&files, "team-a").await;
    h.keys(":sg @profiles team-a,team-b<Enter>").await;
    let screen = h.screen();
    assert!(
        screen.contains("Security groups · @profiles team-a,team-b · 2 contexts · 2 answered"),
        "{screen}"
    );
    for (i, team) in ["a", "b"].iter().enumerate() {
        let line = line_with(&screen, &format!("app-{team}-sg"));
        assert!(line.contains(&format!("team-{team}")), "{line}");
        assert!(line.contains(&accounts[i]), "{team}'s own account: {line}");
    }
    h.keys("<Esc>:volumes @profiles team-a,team-b<Enter>").await;
    let screen = h.screen();
    for (i, team) in ["a", "b"].iter().enumerate() {
        let line = line_with(&screen, &volumes[i]);
        assert!(
            line.contains(&accounts[i]) && line.contains(&format!("data-{team}")),
            "{line}"
        );
    }
    // Two regions of one profile: the volume is in us-east-1 only; eu-west-1 answers empty.
    h.keys("<Esc>:volumes @regions us-east-1,eu-west-1<Enter>")
        .await;
    let screen = h.screen();
    assert!(
        screen.contains("EBS volumes · @regions us-east-1,eu-west-1 · 2 contexts · 2 answered"),
        "{screen}"
    );
    assert!(!screen.contains("failed"), "{screen}");
    assert!(
        line_with(&screen, &volumes[0]).contains("us-east-1"),
        "{screen}"
    );
    assert!(
        !screen.contains(&volumes[1]),
        "team-b's volume is not team-a's: {screen}"
    );
}
