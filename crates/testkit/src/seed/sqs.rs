//! Queues for `:sqs`: `orders` sending to its DLQ after 5 receives (the DLQ holds a few
//! failed orders, one with a hostile body for the peek), a FIFO queue, and a delayed outbox.

use super::{SeedResult, Target};
use aws_sdk_sqs::types::QueueAttributeName;

/// Creates `name` with `attributes`; its URL and ARN.
async fn create(
    sqs: &aws_sdk_sqs::Client,
    name: &str,
    attributes: &[(QueueAttributeName, String)],
) -> SeedResult<(String, String)> {
    let mut call = sqs.create_queue().queue_name(name);
    for (k, v) in attributes {
        call = call.attributes(k.clone(), v);
    }
    let url = call
        .send()
        .await
        .map_err(|e| format!("create queue {name}: {e}"))?
        .queue_url()
        .unwrap_or_default()
        .to_string();
    let arn = sqs
        .get_queue_attributes()
        .queue_url(&url)
        .attribute_names(QueueAttributeName::QueueArn)
        .send()
        .await
        .map_err(|e| format!("queue arn {name}: {e}"))?
        .attributes()
        .and_then(|a| a.get(&QueueAttributeName::QueueArn).cloned())
        .unwrap_or_default();
    Ok((url, arn))
}

async fn send(
    sqs: &aws_sdk_sqs::Client,
    url: &str,
    body: &str,
    group: Option<&str>,
) -> SeedResult<()> {
    sqs.send_message()
        .queue_url(url)
        .message_body(body)
        .set_message_group_id(group.map(str::to_owned))
        .send()
        .await
        .map_err(|e| format!("send to {url}: {e}"))?;
    Ok(())
}

pub async fn seed(t: &Target<'_>) -> SeedResult<usize> {
    let sqs = aws_sdk_sqs::Client::new(t.sdk);
    let env = t.env;
    let (dlq, dlq_arn) = create(
        &sqs,
        &format!("{env}-orders-dlq"),
        &[(QueueAttributeName::MessageRetentionPeriod, "1209600".into())],
    )
    .await?;
    let (orders, _) = create(
        &sqs,
        &format!("{env}-orders"),
        &[(
            QueueAttributeName::RedrivePolicy,
            format!(r#"{{"deadLetterTargetArn":"{dlq_arn}","maxReceiveCount":"5"}}"#),
        )],
    )
    .await?;
    let (fifo, _) = create(
        &sqs,
        &format!("{env}-payments.fifo"),
        &[
            (QueueAttributeName::FifoQueue, "true".into()),
            (QueueAttributeName::ContentBasedDeduplication, "true".into()),
        ],
    )
    .await?;
    let (outbox, _) = create(
        &sqs,
        &format!("{env}-email-outbox"),
        &[(QueueAttributeName::DelaySeconds, "900".into())],
    )
    .await?;
    let mut sent = 0;
    for n in 1..=12 {
        let body = format!(
            r#"{{"order":{},"customer":"c-{:04}","total":"{}.{:02}","items":[{{"sku":"SKU-{}","qty":{}}}]}}"#,
            1000 + n,
            n * 37 % 1000,
            n * 7 % 90 + 3,
            n * 13 % 100,
            n % 5 + 1,
            n % 3 + 1
        );
        send(&sqs, &orders, &body, None).await?;
        sent += 1;
    }
    for (n, why) in [
        "card declined",
        "address invalid",
        "timeout calling payments",
    ]
    .iter()
    .enumerate()
    {
        let body = format!(r#"{{"order":{},"error":"{why}","attempts":5}}"#, 900 + n);
        send(&sqs, &dlq, &body, None).await?;
        sent += 1;
    }
    // What a message body can carry to the screen: escapes and bidi controls, shown inert.
    let hostile = format!(
        "{}{}{} refund {} order 666",
        super::hostile::CLIP,
        super::hostile::TITLE,
        super::hostile::RED,
        super::hostile::RLO
    );
    send(&sqs, &dlq, &hostile, None).await?;
    for n in 1..=3 {
        send(
            &sqs,
            &fifo,
            &format!("settle batch {n}"),
            Some("merchant-42"),
        )
        .await?;
    }
    send(
        &sqs,
        &outbox,
        r#"{"to":"ops@example.com","template":"weekly"}"#,
        None,
    )
    .await?;
    Ok(sent + 4)
}
