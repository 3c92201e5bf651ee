//! Hostile data for the resilience suite: names, tags, values, responses and log lines carrying
//! terminal escape sequences (a colour, a window title, an OSC 52 clipboard write), bidi overrides,
//! zero-width and C1 control characters, invalid UTF-8 and very long single lines — written through
//! the SDK, as any other data, into one context.
//!
//! Each piece has its raw form (what AWS holds) and the form the app must show instead, in the
//! sanitizer's notation: C0 controls as control pictures (`␛`, `␇`), bidi, zero-width and C1
//! characters as `\u{…}`.

use super::SeedResult;
use aws_config::SdkConfig;

/// An OSC 52 clipboard write of "evil-clip".
pub const CLIP: &str = "\u{1b}]52;c;ZXZpbC1jbGlw\u{7}";
pub const CLIP_SHOWN: &str = "␛]52;c;ZXZpbC1jbGlw␇";
/// Sets the window title.
pub const TITLE: &str = "\u{1b}]0;pwned\u{7}";
pub const TITLE_SHOWN: &str = "␛]0;pwned␇";
/// Sets the icon name and window title (OSC 2).
pub const TITLE2: &str = "\u{1b}]2;pwned\u{7}";
pub const TITLE2_SHOWN: &str = "␛]2;pwned␇";
/// Turns the foreground red.
pub const RED: &str = "\u{1b}[31m";
pub const RED_SHOWN: &str = "␛[31m";
/// RIGHT-TO-LEFT OVERRIDE: `invoice\u{202e}fdp.exe` reads as `invoiceexe.pdf`.
pub const RLO: &str = "\u{202e}";
pub const RLO_SHOWN: &str = "\\u{202e}";
/// ZERO WIDTH SPACE.
pub const ZWSP: &str = "\u{200b}";
pub const ZWSP_SHOWN: &str = "\\u{200b}";
/// The 8-bit CSI (C1): some terminals read `\u{9b}31m` as a colour change.
pub const CSI8: &str = "\u{9b}";
pub const CSI8_SHOWN: &str = "\\u{009b}";
/// Default-ignorable code points, drawn as nothing: SOFT HYPHEN, COMBINING GRAPHEME JOINER,
/// HANGUL FILLER (looks like a blank), VARIATION SELECTOR-16 and -17.
pub const SHY: &str = "\u{ad}";
pub const SHY_SHOWN: &str = "\\u{00ad}";
pub const CGJ: &str = "\u{34f}";
pub const CGJ_SHOWN: &str = "\\u{034f}";
pub const HANGUL_FILLER: &str = "\u{3164}";
pub const HANGUL_FILLER_SHOWN: &str = "\\u{3164}";
pub const VS16: &str = "\u{fe0f}";
pub const VS16_SHOWN: &str = "\\u{fe0f}";
pub const VS17: &str = "\u{e0100}";
pub const VS17_SHOWN: &str = "\\u{e0100}";

/// A hostile text and what must be on screen in its place.
#[derive(Clone, Debug)]
pub struct Hostile {
    pub raw: String,
    pub shown: String,
}

/// Joins (raw, shown) pieces into one hostile text.
pub fn join(pieces: &[(&str, &str)]) -> Hostile {
    Hostile {
        raw: pieces.iter().map(|p| p.0).collect(),
        shown: pieces.iter().map(|p| p.1).collect(),
    }
}

/// Plain text, the same raw and shown.
pub fn plain(text: &str) -> (&str, &str) {
    (text, text)
}

// ── S3 ────────────────────────────────────────────────────────────────────────────────────────

/// The hostile object names put at the top of the bucket (each holds [`s3_text_body`]).
pub fn s3_keys() -> Vec<Hostile> {
    vec![
        join(&[plain("evil"), (RED, RED_SHOWN), plain("RED.txt")]),
        join(&[plain("clip"), (CLIP, CLIP_SHOWN), plain(".txt")]),
        join(&[plain("title"), (TITLE, TITLE_SHOWN), plain(".txt")]),
        join(&[plain("invoice"), (RLO, RLO_SHOWN), plain("fdp.exe")]),
        join(&[plain("zero"), (ZWSP, ZWSP_SHOWN), plain("width.txt")]),
        join(&[plain("csi"), (CSI8, CSI8_SHOWN), plain("31m.txt")]),
        join(&[
            plain("pay"),
            (SHY, SHY_SHOWN),
            plain("roll"),
            (CGJ, CGJ_SHOWN),
            (HANGUL_FILLER, HANGUL_FILLER_SHOWN),
            plain(".pdf"),
            (VS16, VS16_SHOWN),
            (VS17, VS17_SHOWN),
        ]),
    ]
}

/// A prefix whose name sets the window title; one object (`inner.txt`) lives under it.
pub fn s3_prefix() -> Hostile {
    join(&[plain("dir"), (TITLE2, TITLE2_SHOWN), plain("/")])
}

/// Valid UTF-8 text with every kind of hostile character, over three lines.
pub fn s3_text_body() -> Hostile {
    join(&[
        plain("body clip "),
        (CLIP, CLIP_SHOWN),
        plain(" end\nbody title "),
        (TITLE, TITLE_SHOWN),
        plain(" colour "),
        (RED, RED_SHOWN),
        plain("RED"),
        ("\u{1b}[0m", "␛[0m"),
        plain(" plain\nbody bidi invoice"),
        (RLO, RLO_SHOWN),
        plain("fdp.exe zw a"),
        (ZWSP, ZWSP_SHOWN),
        plain("b\n"),
    ])
}

pub const S3_TEXT_KEY: &str = "body-escapes.txt";
pub const S3_INVALID_UTF8_KEY: &str = "body-invalid-utf8.bin";
pub const S3_HUGE_KEY: &str = "huge-single-line.txt";
/// 10 MiB on one line, starting with a clipboard write.
pub const S3_HUGE_LEN: usize = 10 * 1024 * 1024;

/// Not UTF-8 (a lone 0xff, a broken two-byte sequence) and carrying a clipboard write.
pub fn s3_invalid_utf8_body() -> Vec<u8> {
    let mut body = b"\xff\xfe not utf-8 ".to_vec();
    body.extend_from_slice(CLIP.as_bytes());
    body.extend_from_slice(b" broken \xc3\x28 end\n");
    body
}

/// `HUGE:` and a clipboard write, then `A` up to 10 MiB, with no newline anywhere.
pub fn s3_huge_body() -> Vec<u8> {
    let mut body = Vec::with_capacity(S3_HUGE_LEN);
    body.extend_from_slice(b"HUGE:");
    body.extend_from_slice(CLIP.as_bytes());
    body.resize(S3_HUGE_LEN, b'A');
    body
}

/// Creates `bucket` and puts every hostile object in it.
pub async fn s3(sdk: &SdkConfig, bucket: &str) -> SeedResult<()> {
    use aws_sdk_s3::primitives::ByteStream;
    let s3 = aws_sdk_s3::Client::from_conf(
        aws_sdk_s3::config::Builder::from(sdk)
            .force_path_style(true)
            .build(),
    );
    s3.create_bucket()
        .bucket(bucket)
        .send()
        .await
        .map_err(|e| format!("create bucket {bucket}: {e:?}"))?;
    let text = s3_text_body().raw.into_bytes();
    let mut objects: Vec<(String, Vec<u8>)> = s3_keys()
        .into_iter()
        .map(|k| (k.raw, text.clone()))
        .collect();
    objects.push((format!("{}inner.txt", s3_prefix().raw), text.clone()));
    objects.push((S3_TEXT_KEY.into(), text.clone()));
    objects.push((S3_INVALID_UTF8_KEY.into(), s3_invalid_utf8_body()));
    objects.push((S3_HUGE_KEY.into(), s3_huge_body()));
    for (key, body) in objects {
        s3.put_object()
            .bucket(bucket)
            .key(&key)
            .body(ByteStream::from(body))
            .send()
            .await
            .map_err(|e| format!("put {key:?}: {e:?}"))?;
    }
    Ok(())
}

// ── EC2 ───────────────────────────────────────────────────────────────────────────────────────

/// A Name tag with a bidi override, a zero-width space and an 8-bit CSI: all valid in XML, so
/// EC2's XML answers carry them as they are.
pub fn ec2_bidi_name() -> Hostile {
    join(&[
        plain("web-"),
        (RLO, RLO_SHOWN),
        plain("1gpj.exe"),
        (ZWSP, ZWSP_SHOWN),
        plain("-"),
        (CSI8, CSI8_SHOWN),
        plain("31m"),
    ])
}

/// Another tag's value: an isolate pair and a byte-order mark.
pub fn ec2_bidi_owner() -> Hostile {
    join(&[
        plain("ops-"),
        ("\u{2066}", "\\u{2066}"),
        plain("team"),
        ("\u{2069}", "\\u{2069}"),
        ("\u{feff}", "\\u{feff}"),
        plain("-x"),
    ])
}

/// A Name tag with a title change and a colour: C0 controls, which XML 1.0 cannot carry.
pub fn ec2_escape_name() -> Hostile {
    join(&[
        plain("evil"),
        (TITLE, TITLE_SHOWN),
        (RED, RED_SHOWN),
        plain("web"),
    ])
}

pub fn ec2_escape_team() -> Hostile {
    join(&[plain("ops"), (CLIP, CLIP_SHOWN)])
}

/// Runs one instance tagged `Name` and `Owner` with these values. The instance exists even when
/// the SDK cannot read RunInstances' answer (escape characters make its XML invalid), so the
/// answer's error is returned, not treated as a failure to seed.
pub async fn ec2_instance(
    sdk: &SdkConfig,
    name: &str,
    owner: &str,
) -> SeedResult<Result<String, String>> {
    use aws_sdk_ec2::types::{InstanceType, ResourceType, Tag, TagSpecification};
    let ec2 = aws_sdk_ec2::Client::new(sdk);
    let image = super::ec2::image_id(&ec2).await?;
    let tags = TagSpecification::builder()
        .resource_type(ResourceType::Instance)
        .tags(Tag::builder().key("Name").value(name).build())
        .tags(Tag::builder().key("Owner").value(owner).build())
        .build();
    let answer = ec2
        .run_instances()
        .image_id(&image)
        .min_count(1)
        .max_count(1)
        .instance_type(InstanceType::T3Micro)
        .tag_specifications(tags)
        .send()
        .await;
    Ok(match answer {
        Ok(out) => out
            .instances()
            .iter()
            .find_map(|i| i.instance_id().map(str::to_owned))
            .ok_or_else(|| "no instance id".to_string()),
        Err(e) => Err(format!("{e:?}")),
    })
}

// ── DynamoDB ──────────────────────────────────────────────────────────────────────────────────

/// The partition key of the hostile item (long: it is the first, widest column).
pub fn ddb_key() -> Hostile {
    join(&[
        plain("key"),
        (CLIP, CLIP_SHOWN),
        plain("-"),
        (RLO, RLO_SHOWN),
        plain("k"),
    ])
}

/// A short value (other columns are 16 cells wide).
pub fn ddb_short() -> Hostile {
    join(&[plain("v"), (RED, RED_SHOWN), plain("r"), (ZWSP, ZWSP_SHOWN)])
}

/// A string attribute with a title change and a bidi override, as the item's JSON shows it:
/// serde escapes C0 controls (`\u001b`), the sanitizer the rest.
pub fn ddb_long() -> Hostile {
    join(&[
        plain("title "),
        (TITLE, "\\u001b]0;pwned\\u0007"),
        plain(" invoice"),
        (RLO, RLO_SHOWN),
        plain("fdp.exe"),
    ])
}

/// Binary, not UTF-8, with a clipboard write inside (base64 on screen).
pub fn ddb_binary() -> Vec<u8> {
    let mut b = b"\xff\xfe".to_vec();
    b.extend_from_slice(CLIP.as_bytes());
    b
}

/// A table with a string partition key `pk`.
pub async fn ddb_table(ddb: &aws_sdk_dynamodb::Client, name: &str) -> SeedResult<()> {
    ddb_table_keyed(ddb, name, "pk").await
}

/// A partition key name that hides characters and sets the window title.
pub fn ddb_key_name() -> Hostile {
    join(&[
        plain("user"),
        (SHY, SHY_SHOWN),
        plain("id"),
        (TITLE, TITLE_SHOWN),
        (HANGUL_FILLER, HANGUL_FILLER_SHOWN),
    ])
}

/// A table with a string partition key named `key`.
pub async fn ddb_table_keyed(
    ddb: &aws_sdk_dynamodb::Client,
    name: &str,
    key: &str,
) -> SeedResult<()> {
    use aws_sdk_dynamodb::types::{
        AttributeDefinition, BillingMode, KeySchemaElement, KeyType, ScalarAttributeType,
    };
    ddb.create_table()
        .table_name(name)
        .billing_mode(BillingMode::PayPerRequest)
        .key_schema(
            KeySchemaElement::builder()
                .attribute_name(key)
                .key_type(KeyType::Hash)
                .build()
                .map_err(|e| e.to_string())?,
        )
        .attribute_definitions(
            AttributeDefinition::builder()
                .attribute_name(key)
                .attribute_type(ScalarAttributeType::S)
                .build()
                .map_err(|e| e.to_string())?,
        )
        .send()
        .await
        .map_err(|e| format!("create table {name:?}: {e:?}"))?;
    Ok(())
}

/// Table `table` with one item: hostile key, values and binary; `extra` adds attributes.
pub async fn ddb_items(sdk: &SdkConfig, table: &str, extra: &[(&str, &str)]) -> SeedResult<()> {
    use aws_sdk_dynamodb::primitives::Blob;
    use aws_sdk_dynamodb::types::AttributeValue;
    let ddb = aws_sdk_dynamodb::Client::new(sdk);
    ddb_table(&ddb, table).await?;
    let mut put = ddb
        .put_item()
        .table_name(table)
        .item("pk", AttributeValue::S(ddb_key().raw))
        .item("a_short", AttributeValue::S(ddb_short().raw))
        .item("b_long", AttributeValue::S(ddb_long().raw))
        .item("c_bin", AttributeValue::B(Blob::new(ddb_binary())));
    for (name, value) in extra {
        put = put.item(*name, AttributeValue::S((*value).to_string()));
    }
    put.send().await.map_err(|e| format!("put item: {e:?}"))?;
    Ok(())
}

// ── CloudWatch Logs ───────────────────────────────────────────────────────────────────────────

/// A stream name is any text but `:` and `*`: this one changes the window title and the colour.
pub fn logs_stream() -> Hostile {
    join(&[
        plain("2026/11/23/"),
        (TITLE, TITLE_SHOWN),
        plain("[$LATEST]ev"),
        (RED, RED_SHOWN),
        plain("x"),
    ])
}

/// What the tail labels the stream with: the first 8 characters after the last `]`.
pub const LOGS_STREAM_LABEL: &str = "ev␛[31mx";

/// CloudWatch's limit for one event is 256 KiB minus 26 bytes.
pub const LOGS_BIG_LEN: usize = 262_144 - 26;

pub fn logs_events() -> Vec<Hostile> {
    vec![
        join(&[plain("clip "), (CLIP, CLIP_SHOWN), plain(" end")]),
        join(&[
            plain("title "),
            (TITLE, TITLE_SHOWN),
            plain(" colour "),
            (RED, RED_SHOWN),
            plain("RED"),
            ("\u{1b}[0m", "␛[0m"),
            plain(" plain"),
        ]),
        join(&[
            plain("bidi invoice"),
            (RLO, RLO_SHOWN),
            plain("fdp.exe zw a"),
            (ZWSP, ZWSP_SHOWN),
            plain("b c1 "),
            (CSI8, CSI8_SHOWN),
            plain("31m"),
        ]),
    ]
}

/// One line of [`LOGS_BIG_LEN`] bytes: `BIG ` and a clipboard write, then `x`, no newline.
pub fn logs_big_event() -> Hostile {
    let head = join(&[plain("BIG "), (CLIP, CLIP_SHOWN)]);
    let fill = LOGS_BIG_LEN - head.raw.len();
    Hostile {
        raw: format!("{}{}", head.raw, "x".repeat(fill)),
        shown: format!("{}{}", head.shown, "x".repeat(fill)),
    }
}

/// Log group `group` with one hostile stream holding `messages`, timestamped now, in order.
pub async fn logs(sdk: &SdkConfig, group: &str, messages: &[String]) -> SeedResult<()> {
    use aws_sdk_cloudwatchlogs::types::InputLogEvent;
    let logs = aws_sdk_cloudwatchlogs::Client::new(sdk);
    let stream = logs_stream().raw;
    logs.create_log_group()
        .log_group_name(group)
        .send()
        .await
        .map_err(|e| format!("create group: {e:?}"))?;
    logs.create_log_stream()
        .log_group_name(group)
        .log_stream_name(&stream)
        .send()
        .await
        .map_err(|e| format!("create stream: {e:?}"))?;
    let now = super::now_millis();
    let events = messages
        .iter()
        .enumerate()
        .map(|(i, m)| {
            InputLogEvent::builder()
                .timestamp(now + i as i64)
                .message(m)
                .build()
                .map_err(|e| e.to_string())
        })
        .collect::<Result<Vec<_>, _>>()?;
    logs.put_log_events()
        .log_group_name(group)
        .log_stream_name(&stream)
        .set_log_events(Some(events))
        .send()
        .await
        .map_err(|e| format!("put events: {e:?}"))?;
    Ok(())
}

// ── Lambda ────────────────────────────────────────────────────────────────────────────────────

/// Queues `results` as the next answers of every function in the account's region: the
/// emulator's functions run no code and echo the payload unless told otherwise.
pub fn lambda_canned(
    endpoint: &str,
    account: &str,
    region: &str,
    results: &[&str],
) -> SeedResult<()> {
    let body = serde_json::json!({
        "account_id": account,
        "region": region,
        "results": results,
    })
    .to_string();
    let answer = crate::http::request(
        endpoint,
        "POST",
        "/moto-api/static/lambda-simple/response",
        &[("Content-Type", "application/json")],
        &body,
    )
    .map_err(|e| format!("queue a Lambda answer: {e}"))?;
    if answer.status != 201 {
        return Err(format!(
            "queue a Lambda answer: HTTP {}: {}",
            answer.status, answer.body
        ));
    }
    Ok(())
}

/// Object tags carrying a clipboard write and a bidi override. S3 allows only letters, digits,
/// spaces and `_ . : / = + - @` in tags, and the emulator checks: its refusal is returned.
pub fn s3_tag() -> (Hostile, Hostile) {
    (
        join(&[plain("t"), (RLO, RLO_SHOWN), plain("ag")]),
        join(&[plain("v"), (CLIP, CLIP_SHOWN), plain("al")]),
    )
}

pub async fn s3_tags(sdk: &SdkConfig, bucket: &str, key: &str) -> Result<(), String> {
    use aws_sdk_s3::types::{Tag, Tagging};
    let s3 = aws_sdk_s3::Client::from_conf(
        aws_sdk_s3::config::Builder::from(sdk)
            .force_path_style(true)
            .build(),
    );
    let (k, v) = s3_tag();
    let tagging = Tagging::builder()
        .tag_set(
            Tag::builder()
                .key(k.raw)
                .value(v.raw)
                .build()
                .map_err(|e| e.to_string())?,
        )
        .build()
        .map_err(|e| e.to_string())?;
    s3.put_object_tagging()
        .bucket(bucket)
        .key(key)
        .tagging(tagging)
        .send()
        .await
        .map(|_| ())
        .map_err(|e| format!("{e:?}"))
}

/// A DescribeInstances answer for one running instance whose `Name` and `Owner` tags carry
/// escape sequences as XML character references (`&#x1b;`): well-formed XML, so the SDK reads
/// them into the strings the app gets. For a proxy to answer in the emulator's place, since the
/// emulator writes such characters raw and the SDK then refuses the whole answer.
pub fn ec2_describe_answer(instance_id: &str) -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<DescribeInstancesResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/">
  <requestId>hostile-1</requestId>
  <reservationSet>
    <item>
      <reservationId>r-0hostile</reservationId>
      <ownerId>123456789012</ownerId>
      <instancesSet>
        <item>
          <instanceId>{instance_id}</instanceId>
          <imageId>ami-12c6146b</imageId>
          <instanceState><code>16</code><name>running</name></instanceState>
          <instanceType>t3.micro</instanceType>
          <placement><availabilityZone>us-east-1a</availabilityZone></placement>
          <privateIpAddress>10.0.0.7</privateIpAddress>
          <launchTime>2026-11-23T10:00:00.000Z</launchTime>
          <tagSet>
            <item><key>Name</key><value>evil&#x1b;]0;pwned&#x7;&#x1b;[31mweb</value></item>
            <item><key>Owner</key><value>ops&#x1b;]52;c;ZXZpbC1jbGlw&#x7;</value></item>
          </tagSet>
        </item>
      </instancesSet>
    </item>
  </reservationSet>
</DescribeInstancesResponse>"#
    )
}
