//! Secrets Manager: a database credential as a JSON object (two versions, so AWSPREVIOUS
//! exists), a plain API token with rotation set up, a binary keystore, and one secret whose
//! description carries a terminal escape and a bidi override (shown made visible, never
//! acted on). Every value is made up for the demo.

use super::{SeedResult, Target};
use aws_sdk_secretsmanager::types::{RotationRulesType, Tag};

fn tag(key: &str, value: &str) -> Tag {
    Tag::builder().key(key).value(value).build()
}

pub async fn seed(t: &Target<'_>) -> SeedResult<usize> {
    let sm = aws_sdk_secretsmanager::Client::new(t.sdk);
    let env = t.env;
    let db = format!("{env}/orders/db");
    sm.create_secret()
        .name(&db)
        .description("Orders database: master user")
        .secret_string(format!(
            r#"{{"username":"orders_admin","password":"demo-{env}-pw-1","host":"orders.{env}.internal","port":5432}}"#
        ))
        .tags(tag("Env", env))
        .tags(tag("Team", "orders"))
        .send()
        .await
        .map_err(|e| format!("create {db}: {e:?}"))?;
    sm.put_secret_value()
        .secret_id(&db)
        .secret_string(format!(
            r#"{{"username":"orders_admin","password":"demo-{env}-pw-2","host":"orders.{env}.internal","port":5432}}"#
        ))
        .send()
        .await
        .map_err(|e| format!("put {db}: {e:?}"))?;

    let token = format!("{env}/payments/stripe-token");
    sm.create_secret()
        .name(&token)
        .description("Payments API token (rotated monthly)")
        .secret_string(format!("sk_demo_{env}_4eC39HqLyjWDarjtT1zdp7dc"))
        .tags(tag("Env", env))
        .send()
        .await
        .map_err(|e| format!("create {token}: {e:?}"))?;
    // Rotation needs a function that exists (the emulator checks): the seeded checkout API
    // stands in for a rotation function.
    let rotated = sm
        .rotate_secret()
        .secret_id(&token)
        .rotation_lambda_arn(format!(
            "arn:aws:lambda:{}:{}:function:checkout-api",
            t.region(),
            t.account
        ))
        .rotation_rules(
            RotationRulesType::builder()
                .automatically_after_days(30)
                .build(),
        )
        .send()
        .await;
    if let Err(e) = rotated {
        // Not every emulator build rotates; the secret itself is still there.
        eprintln!("seed: rotation of {token} not set up: {e:?}");
    }

    let keystore = format!("{env}/edge/keystore");
    sm.create_secret()
        .name(&keystore)
        .description("TLS keystore (binary)")
        .secret_binary(aws_sdk_secretsmanager::primitives::Blob::new(vec![
            0x30, 0x82, 0x04, 0xa4, 0, 1, 2, 3,
        ]))
        .send()
        .await
        .map_err(|e| format!("create {keystore}: {e:?}"))?;

    let hostile = format!("{env}/hostile/description");
    sm.create_secret()
        .name(&hostile)
        .description("before\u{1b}[2Jafter \u{202e}desrever")
        .secret_string("not-a-real-secret")
        .send()
        .await
        .map_err(|e| format!("create {hostile}: {e:?}"))?;
    Ok(4)
}
