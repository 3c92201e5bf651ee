//! The commands that connect to an instance: an SSM session or SSH. Built here as plain data,
//! each with what it gives access to; the app guards them like writes, checks the programs
//! exist and runs them on the real terminal.

use crate::audit::Mutation;
use crate::aws::ContextKey;
use crate::aws::ec2::Instance;
use crate::config::{Ec2Settings, SshAddress};
use crate::pane::{ExternalCommand, Session};

/// `aws ssm start-session --target ID` in the same profile and region as the view.
pub fn ssm(ctx: &ContextKey, instance: &Instance) -> Session {
    let mut args: Vec<String> = ["ssm", "start-session", "--target", &instance.id]
        .into_iter()
        .map(str::to_owned)
        .collect();
    args.extend(["--region".to_string(), ctx.region.clone()]);
    if let Some(profile) = &ctx.profile {
        args.extend(["--profile".to_string(), profile.clone()]);
    }
    Session {
        command: ExternalCommand {
            program: "aws".into(),
            args,
            requires: vec!["session-manager-plugin".into()],
        },
        access: Mutation::new(ctx, "ssm", "start-session", [instance.id.clone()]),
        confirmed: false,
    }
}

/// `ssh [-i KEY] [EXTRA…] USER@ADDRESS`, the address chosen as the settings say. `ctx` is
/// where the instance was listed: its policy and account govern the session.
pub fn ssh(
    ctx: &ContextKey,
    settings: &Ec2Settings,
    instance: &Instance,
) -> Result<Session, String> {
    let address = match settings.ssh_address {
        SshAddress::Public => instance.public_ip.as_deref(),
        SshAddress::Private => instance.private_ip.as_deref(),
        SshAddress::Auto => instance
            .public_ip
            .as_deref()
            .or(instance.private_ip.as_deref()),
    };
    let Some(address) = address else {
        let which = match settings.ssh_address {
            SshAddress::Public => "public IP",
            SshAddress::Private => "private IP",
            SshAddress::Auto => "IP address",
        };
        return Err(format!("{} has no {which} to connect to", instance.id));
    };
    let mut args = Vec::new();
    if !settings.ssh_key.is_empty() {
        args.extend([
            "-i".to_string(),
            crate::paths::expand_home(&settings.ssh_key),
        ]);
    }
    args.extend(settings.ssh_args.iter().cloned());
    let user = if settings.ssh_user.is_empty() {
        "ec2-user"
    } else {
        &settings.ssh_user
    };
    let login = format!("{user}@{address}");
    args.push(login.clone());
    Ok(Session {
        command: ExternalCommand {
            program: "ssh".into(),
            args,
            requires: Vec::new(),
        },
        access: Mutation::new(ctx, "ssh", "connect", [instance.id.clone(), login]),
        confirmed: false,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn instance(public: Option<&str>) -> Instance {
        Instance {
            id: "i-0abc".into(),
            private_ip: Some("192.0.2.5".into()),
            public_ip: public.map(Into::into),
            ..Instance::default()
        }
    }

    #[test]
    fn ssm_runs_in_the_views_profile_and_region() {
        let ctx = ContextKey {
            profile: Some("prod".into()),
            region: "eu-west-1".into(),
        };
        let s = ssm(&ctx, &instance(None));
        assert_eq!(
            s.command.display(),
            "aws ssm start-session --target i-0abc --region eu-west-1 --profile prod"
        );
        assert_eq!(s.command.requires, ["session-manager-plugin"]);
        assert_eq!(
            s.access,
            Mutation::new(&ctx, "ssm", "start-session", ["i-0abc".to_string()])
        );
        assert!(!s.confirmed);
    }

    #[test]
    fn ssh_picks_the_address_the_settings_ask_for() {
        let mut s = Ec2Settings {
            ssh_key: "/keys/ops.pem".into(),
            ssh_args: vec!["-o".into(), "ProxyJump=bastion".into()],
            ..Ec2Settings::default()
        };
        let ctx = ContextKey {
            profile: Some("prod".into()),
            region: "eu-west-1".into(),
        };
        let shown = |s: &Ec2Settings, i: &Instance| ssh(&ctx, s, i).unwrap().command.display();
        let session = ssh(&ctx, &s, &instance(Some("54.1.2.3"))).unwrap();
        assert_eq!(
            session.command.display(),
            "ssh -i /keys/ops.pem -o ProxyJump=bastion ec2-user@54.1.2.3"
        );
        assert_eq!(
            session.access.resources,
            ["i-0abc", "ec2-user@54.1.2.3"],
            "the audit line names the instance and where ssh went"
        );
        assert_eq!(session.access.ctx, ctx);
        assert!(shown(&s, &instance(None)).ends_with("@192.0.2.5"));
        s.ssh_address = SshAddress::Private;
        assert!(shown(&s, &instance(Some("54.1.2.3"))).ends_with("@192.0.2.5"));
        s.ssh_address = SshAddress::Public;
        assert_eq!(
            ssh(&ctx, &s, &instance(None)).unwrap_err(),
            "i-0abc has no public IP to connect to"
        );
    }
}
