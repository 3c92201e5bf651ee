//! `docs/keys.md`, generated from the command table and the default keymap (a test keeps the
//! checked-in file identical to this output).

use crate::command::{COMMANDS, Scope};
use crate::keymap::Keymap;
use std::fmt::Write;

pub fn keys_markdown(keymap: &Keymap) -> String {
    let mut out = String::from(
        "# Keys and commands\n\n\
         Generated from the command table (`src/command.rs`) and `keymaps/default.toml` — do not\n\
         edit by hand; `AWSTERM_BLESS=1 cargo test docs_keys` regenerates it.\n\n\
         Every command can be typed at the `:` prompt by name (Tab completes). Commands marked\n\
         *dangerous* change AWS resources or open a shell on an instance; they are removed in\n\
         read-only mode. Rebind keys in `~/.config/awsterm/keymap.toml` (see\n\
         `keymaps/default.toml` for the format).\n",
    );
    for scope in Scope::ALL {
        let _ = write!(out, "\n## {}\n\n", scope_title(scope));
        out.push_str("| Keys | Command | Description |\n|---|---|---|\n");
        for spec in COMMANDS.iter().filter(|c| c.scope == scope) {
            let keys: Vec<String> = keymap
                .keys_for(&[scope], spec.id)
                .iter()
                .map(|k| format!("`{}`", k.to_string().replace('|', "\\|")))
                .collect();
            let mut name = format!("`:{}`", spec.name);
            for alias in spec.aliases {
                let _ = write!(name, ", `:{alias}`");
            }
            let danger = if spec.dangerous { " *(dangerous)*" } else { "" };
            let _ = writeln!(
                out,
                "| {} | {name} | {}{danger} |",
                if keys.is_empty() {
                    "—".to_string()
                } else {
                    keys.join(" ")
                },
                spec.description
            );
        }
    }
    out
}

fn scope_title(scope: Scope) -> &'static str {
    match scope {
        Scope::Global => "Everywhere",
        Scope::List => "In every list",
        Scope::Contexts => "Profiles view",
        Scope::S3 => "S3 views",
        Scope::Fleet => "EC2 and RDS views (machines with a lifecycle)",
        Scope::Ec2 => "EC2 views",
        Scope::Rds => "RDS views",
        Scope::Ddb => "DynamoDB views",
        Scope::Lambda => "Lambda views",
        Scope::Logs => "Log groups and streams",
        Scope::Tail => "Log tail",
        Scope::Bookmarks => "Bookmarks",
        Scope::Cfn => "CloudFormation stacks and a stack",
        Scope::Alarms => "CloudWatch alarms",
        Scope::Insights => "Logs Insights",
        Scope::Charts => "Metric charts",
        Scope::Secrets => "Secrets and parameters",
        Scope::Sqs => "An SQS queue",
        Scope::Sns => "An SNS topic",
        Scope::Ecs => "ECS clusters, services and tasks",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `docs/keys.md` must be what the table and default keymap say today.
    #[test]
    fn docs_keys_md_is_current() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/docs/keys.md");
        let expected = keys_markdown(&Keymap::defaults());
        if std::env::var_os("AWSTERM_BLESS").is_some() {
            std::fs::write(path, &expected).expect("write docs/keys.md");
        }
        let actual = std::fs::read_to_string(path).unwrap_or_default();
        assert!(
            actual == expected,
            "docs/keys.md is stale: run `AWSTERM_BLESS=1 cargo test docs_keys` and commit it"
        );
    }
}
