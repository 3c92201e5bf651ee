use super::{Lcg, Scale, SeedResult, Target};
use aws_sdk_s3::primitives::ByteStream;
use aws_sdk_s3::types::{
    BucketLocationConstraint, BucketVersioningStatus, CreateBucketConfiguration,
    VersioningConfiguration,
};
use futures::stream::{self, StreamExt};

fn client(t: &Target<'_>) -> aws_sdk_s3::Client {
    let config = aws_sdk_s3::config::Builder::from(t.sdk)
        .force_path_style(true)
        .build();
    aws_sdk_s3::Client::from_conf(config)
}

pub async fn seed(t: &Target<'_>) -> SeedResult<usize> {
    let s3 = client(t);
    let mut count = 0;

    let assets = t.bucket("assets");
    create_bucket(&s3, t, &assets).await?;
    let fixed: Vec<(String, Vec<u8>, &str)> = vec![
        ("README.md".into(), b"# Assets\n\nStatic files for the storefront.\n".to_vec(), "text/markdown"),
        ("config/app.json".into(), br#"{"service":"storefront","replicas":3,"features":{"checkout_v2":true,"search":"opensearch"},"timeouts_ms":[250,1000,5000]}"#.to_vec(), "application/json"),
        ("reports/2026/q3/revenue.csv".into(), b"month,region,revenue\n2026-07,us,1204331.20\n2026-08,us,1309921.75\n2026-09,eu,883120.10\n".to_vec(), "text/csv"),
        ("img/logo.png".into(), (0u8..=255).cycle().take(4096).collect(), "image/png"),
        ("img/hero banner (1).jpg".into(), vec![0xFF, 0xD8, 0xFF, 0xE0, 0, 16, b'J', b'F', b'I', b'F'], "image/jpeg"),
        ("docs/ünïcödé/東京-guide.txt".into(), "Welcome — ようこそ\n".as_bytes().to_vec(), "text/plain"),
        ("backups/db-2026-11-01.sql.gz".into(), vec![0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3], "application/gzip"),
    ];
    for (key, body, content_type) in fixed {
        put(&s3, &assets, &key, body, content_type).await?;
        count += 1;
    }
    let mut rng = Lcg::new(7);
    let days = if t.scale == Scale::Demo { 30 } else { 2 };
    for day in 1..=days {
        for hour in [0, 6, 12, 18] {
            let key = format!("logs/2026/11/{day:02}/app-{hour:02}00.log");
            let line = format!(
                "2026-11-{day:02}T{hour:02}:00:00Z INFO request served in {} ms\n",
                rng.below(900)
            );
            put(
                &s3,
                &assets,
                &key,
                line.repeat(20).into_bytes(),
                "text/plain",
            )
            .await?;
            count += 1;
        }
    }

    let config_bucket = t.bucket("config");
    create_bucket(&s3, t, &config_bucket).await?;
    s3.put_bucket_versioning()
        .bucket(&config_bucket)
        .versioning_configuration(
            VersioningConfiguration::builder()
                .status(BucketVersioningStatus::Enabled)
                .build(),
        )
        .send()
        .await
        .map_err(|e| format!("versioning: {e}"))?;
    for version in 1..=3 {
        let body = format!(
            "{{\"version\":{version},\"max_connections\":{}}}",
            version * 50
        );
        put(
            &s3,
            &config_bucket,
            "app/settings.json",
            body.into_bytes(),
            "application/json",
        )
        .await?;
        count += 1;
    }

    if t.big_bucket {
        // Only created here: its objects take long (see `fill_big_bucket`).
        create_bucket(&s3, t, &t.bucket("datalake")).await?;
    }
    Ok(count)
}

/// The big bucket's objects (20,000 at demo scale, ~100 s on the emulator), `progress` told
/// the count every thousand; the bucket lists what is there so far meanwhile.
pub async fn fill_big_bucket(t: &Target<'_>, progress: impl Fn(usize, usize)) -> SeedResult<usize> {
    let s3 = client(t);
    let lake = t.bucket("datalake");
    let total = if t.scale == Scale::Demo { 20_000 } else { 300 };
    let keys: Vec<String> = (0..total)
        .map(|i| format!("events/2026/11/{:02}/part-{i:05}.json", i % 28 + 1))
        .collect();
    let mut puts = stream::iter(keys)
        .map(|key| {
            let s3 = s3.clone();
            let lake = lake.clone();
            async move {
                let body = format!("{{\"key\":\"{key}\",\"ok\":true}}\n").into_bytes();
                put(&s3, &lake, &key, body, "application/json").await
            }
        })
        .buffer_unordered(32);
    let mut count = 0;
    while let Some(result) = puts.next().await {
        result?;
        count += 1;
        if count % 1000 == 0 || count == total {
            progress(count, total);
        }
    }
    Ok(count)
}

pub(super) async fn create_bucket(
    s3: &aws_sdk_s3::Client,
    t: &Target<'_>,
    name: &str,
) -> SeedResult<()> {
    let mut request = s3.create_bucket().bucket(name);
    let region = t.region();
    if region != "us-east-1" {
        request = request.create_bucket_configuration(
            CreateBucketConfiguration::builder()
                .location_constraint(BucketLocationConstraint::from(region.as_str()))
                .build(),
        );
    }
    request
        .send()
        .await
        .map_err(|e| format!("create bucket {name}: {e:?}"))?;
    Ok(())
}

async fn put(
    s3: &aws_sdk_s3::Client,
    bucket: &str,
    key: &str,
    body: Vec<u8>,
    content_type: &str,
) -> SeedResult<()> {
    s3.put_object()
        .bucket(bucket)
        .key(key)
        .content_type(content_type)
        .body(ByteStream::from(body))
        .send()
        .await
        .map_err(|e| format!("put {key}: {e}"))?;
    Ok(())
}
