//! SSM Parameter Store: a path tree per environment (`/acme/<env>/…`) with every type — a
//! String with three versions (history), a StringList, a SecureString (a made-up password) —
//! and one parameter in a deeper folder.

use super::{SeedResult, Target};
use aws_sdk_ssm::types::ParameterType;

pub async fn seed(t: &Target<'_>) -> SeedResult<usize> {
    let ssm = aws_sdk_ssm::Client::new(t.sdk);
    let env = t.env;
    let params: Vec<(String, ParameterType, Vec<String>)> = vec![
        (
            format!("/acme/{env}/orders/log-level"),
            ParameterType::String,
            vec!["info".into(), "debug".into(), "warn".into()],
        ),
        (
            format!("/acme/{env}/orders/db/host"),
            ParameterType::String,
            vec![format!("orders.{env}.internal")],
        ),
        (
            format!("/acme/{env}/orders/db/password"),
            ParameterType::SecureString,
            vec![format!("demo-{env}-db-s3cret")],
        ),
        (
            format!("/acme/{env}/orders/allowed-origins"),
            ParameterType::StringList,
            vec![format!(
                "https://{env}.acme.example,https://admin.{env}.acme.example"
            )],
        ),
        (
            format!("/acme/{env}/payments/feature-flags/new-checkout"),
            ParameterType::String,
            vec!["off".into(), "on".into()],
        ),
    ];
    let mut count = 0;
    for (name, kind, values) in params {
        for value in values {
            ssm.put_parameter()
                .name(&name)
                .value(value)
                .r#type(kind.clone())
                .overwrite(true)
                .send()
                .await
                .map_err(|e| format!("put {name}: {e:?}"))?;
        }
        count += 1;
    }
    Ok(count)
}
