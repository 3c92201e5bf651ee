use super::{SeedResult, Target, zip};
use crate::http;
use aws_sdk_lambda::primitives::Blob;
use aws_sdk_lambda::types::{Environment, FunctionCode, Runtime};

const TRUST: &str = r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"lambda.amazonaws.com"},"Action":"sts:AssumeRole"}]}"#;

pub async fn seed(t: &Target<'_>) -> SeedResult<usize> {
    // The execution role must exist in the same account (moto checks). awsterm does not link
    // the IAM SDK, so the demo creates it through moto's query API directly.
    let role_name = "lambda-exec";
    let created = http::query_call(
        t.endpoint,
        t.account,
        &[
            ("Action", "CreateRole"),
            ("Version", "2010-05-08"),
            ("RoleName", role_name),
            ("AssumeRolePolicyDocument", TRUST),
        ],
    )
    .map_err(|e| format!("create role: {e}"))?;
    if created.status != 200 && !created.body.contains("EntityAlreadyExists") {
        return Err(format!(
            "create role: HTTP {}: {}",
            created.status, created.body
        ));
    }
    let role = format!("arn:aws:iam::{}:role/{role_name}", t.account);
    let lambda = aws_sdk_lambda::Client::new(t.sdk);
    let functions: [(&str, Runtime, &str, i32, i32, &str); 4] = [
        (
            "checkout-api",
            Runtime::Python312,
            "app.handler",
            512,
            15,
            "Takes payment and creates the order",
        ),
        (
            "image-resizer",
            Runtime::Nodejs20x,
            "index.handler",
            1024,
            60,
            "Resizes uploaded product images",
        ),
        (
            "nightly-report",
            Runtime::Python312,
            "report.main",
            256,
            300,
            "Builds the daily revenue report",
        ),
        (
            "orders-stream",
            Runtime::Java21,
            "com.acme.Orders::handle",
            2048,
            30,
            "Consumes the orders table stream",
        ),
    ];
    let code = zip::stored(&[(
        "app.py",
        b"def handler(event, context):\n    return {'ok': True, 'event': event}\n",
    )]);
    let count = functions.len();
    for (name, runtime, handler, memory, timeout, description) in functions {
        let env = Environment::builder()
            .variables("STAGE", t.env)
            .variables("TABLE_NAME", "orders")
            .variables("DB_PASSWORD", "s3cr3t-demo-only")
            .build();
        lambda
            .create_function()
            .function_name(name)
            .runtime(runtime)
            .role(&role)
            .handler(handler)
            .memory_size(memory)
            .timeout(timeout)
            .description(description)
            .environment(env)
            .code(
                FunctionCode::builder()
                    .zip_file(Blob::new(code.clone()))
                    .build(),
            )
            .send()
            .await
            .map_err(|e| format!("create {name}: {e:?}"))?;
    }
    Ok(count)
}
