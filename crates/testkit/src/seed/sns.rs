//! Topics for `:sns`: `deploys` with an SQS subscription (raw delivery, a filter policy) and
//! a Lambda one (`checkout-api`, seeded by `lambda.rs`), `alerts` with an email subscription, and a FIFO ledger topic.

use super::{SeedResult, Target};
use aws_sdk_sqs::types::QueueAttributeName;

pub async fn seed(t: &Target<'_>) -> SeedResult<usize> {
    let sns = aws_sdk_sns::Client::new(t.sdk);
    let sqs = aws_sdk_sqs::Client::new(t.sdk);
    let env = t.env;
    let region = t.region();
    let topic = |name: String| {
        let sns = sns.clone();
        async move {
            let fifo = name.ends_with(".fifo");
            sns.create_topic()
                .name(&name)
                .set_attributes(fifo.then(|| {
                    std::collections::HashMap::from([("FifoTopic".to_string(), "true".to_string())])
                }))
                .send()
                .await
                .map_err(|e| format!("create topic {name}: {e}"))
                .map(|o| o.topic_arn().unwrap_or_default().to_string())
        }
    };
    let deploys = topic(format!("{env}-deploys")).await?;
    sns.set_topic_attributes()
        .topic_arn(&deploys)
        .attribute_name("DisplayName")
        .attribute_value("Deploy notices")
        .send()
        .await
        .map_err(|e| format!("display name: {e}"))?;
    let alerts = topic(format!("{env}-alerts")).await?;
    topic(format!("{env}-ledger.fifo")).await?;
    let queue = sqs
        .create_queue()
        .queue_name(format!("{env}-deploy-events"))
        .send()
        .await
        .map_err(|e| format!("create queue: {e}"))?
        .queue_url()
        .unwrap_or_default()
        .to_string();
    let queue_arn = sqs
        .get_queue_attributes()
        .queue_url(&queue)
        .attribute_names(QueueAttributeName::QueueArn)
        .send()
        .await
        .map_err(|e| format!("queue arn: {e}"))?
        .attributes()
        .and_then(|a| a.get(&QueueAttributeName::QueueArn).cloned())
        .unwrap_or_default();
    let subscribe = |topic: &str, protocol: &str, endpoint: String, attrs: &[(&str, &str)]| {
        let mut call = sns
            .subscribe()
            .topic_arn(topic)
            .protocol(protocol)
            .endpoint(endpoint);
        for (k, v) in attrs {
            call = call.attributes(*k, *v);
        }
        call.send()
    };
    subscribe(
        &deploys,
        "sqs",
        queue_arn,
        &[
            ("RawMessageDelivery", "true"),
            ("FilterPolicy", r#"{"env":["prod","staging"]}"#),
        ],
    )
    .await
    .map_err(|e| format!("subscribe sqs: {e}"))?;
    subscribe(
        &deploys,
        "lambda",
        // A function the Lambda seed creates (it runs first): a subscriber that does not
        // exist makes every Publish to the topic fail.
        format!(
            "arn:aws:lambda:{region}:{}:function:checkout-api",
            t.account
        ),
        &[],
    )
    .await
    .map_err(|e| format!("subscribe lambda: {e}"))?;
    subscribe(&alerts, "email", format!("oncall+{env}@example.com"), &[])
        .await
        .map_err(|e| format!("subscribe email: {e}"))?;
    Ok(3)
}
