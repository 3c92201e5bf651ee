//! One stack with a nested stack and outputs: the parent makes a queue and the child stack
//! (its template put in a bucket of the context, as CloudFormation reads nested templates).

use super::{SeedResult, Target};
use serde_json::json;

pub async fn seed(t: &Target<'_>) -> SeedResult<usize> {
    let bucket = t.bucket("cfn-templates");
    let s3 = aws_sdk_s3::Client::new(t.sdk);
    super::s3::create_bucket(&s3, t, &bucket).await?;
    let child = json!({
        "Description": "Orders dead letters: where failed jobs go",
        "Resources": {
            "DeadLetters": {
                "Type": "AWS::SQS::Queue",
                "Properties": {"QueueName": format!("{}-order-dead-letters", t.env)}
            }
        },
        "Outputs": {"DeadLettersUrl": {"Value": {"Ref": "DeadLetters"}}}
    });
    s3.put_object()
        .bucket(&bucket)
        .key("orders-dead-letters.json")
        .body(child.to_string().into_bytes().into())
        .send()
        .await
        .map_err(|e| format!("put template: {e}"))?;
    let parent = json!({
        "Description": "Orders service: jobs queue and its data stack",
        "Parameters": {
            "Env": {"Type": "String", "Default": "dev"},
            "ApiKey": {"Type": "String", "NoEcho": true, "Default": "demo-key"}
        },
        "Resources": {
            "Jobs": {
                "Type": "AWS::SQS::Queue",
                "Properties": {"QueueName": format!("{}-order-jobs", t.env)}
            },
            "DeadLetters": {
                "Type": "AWS::CloudFormation::Stack",
                "Properties": {
                    "TemplateURL": format!("https://{bucket}.s3.amazonaws.com/orders-dead-letters.json")
                }
            }
        },
        "Outputs": {
            "JobsUrl": {
                "Value": {"Ref": "Jobs"},
                "Description": "Where orders are queued",
                "Export": {"Name": format!("{}-orders-JobsUrl", t.env)}
            }
        }
    });
    aws_sdk_cloudformation::Client::new(t.sdk)
        .create_stack()
        .stack_name(format!("{}-orders", t.env))
        .template_body(parent.to_string())
        .parameters(
            aws_sdk_cloudformation::types::Parameter::builder()
                .parameter_key("Env")
                .parameter_value(t.env)
                .build(),
        )
        .send()
        .await
        .map_err(|e| format!("create stack: {e}"))?;
    Ok(2)
}
