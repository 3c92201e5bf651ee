//! Secrets Manager reads: a secret's details, and its value when the user reveals it.

use crate::aws::Adapters;
use crate::protocol::secrets::{SecretsOp, SecretsOutcome};

pub(super) async fn execute(op: SecretsOp, adapters: &Adapters) -> SecretsOutcome {
    match op {
        SecretsOp::Details { ctx, secret } => {
            SecretsOutcome::Details(Box::new(adapters.secrets.details(ctx, secret).await))
        }
        SecretsOp::Value {
            ctx,
            secret,
            version,
        } => {
            let result = adapters
                .secrets
                .value(ctx, secret.clone(), version.clone())
                .await;
            SecretsOutcome::Value {
                secret,
                version,
                result,
            }
        }
    }
}
