//! `c` in `:params`: a new parameter, as the console's "Create parameter" asks for it — its
//! name (under the listed path unless it starts with `/`), its type, then its value (a
//! SecureString's masked while typed). The confirmation shows all of it but a SecureString's
//! value (its length only); the guard makes it typed where the context's policy asks and
//! refuses it where writes are off. `SsmOp::Put` with no base version is PutParameter without
//! overwrite, sent once: an existing name is refused with the service's own message.

use crate::aws::ContextKey;
use crate::aws::secrets::SecretText;
use crate::aws::ssm::{NewVersion, ParamType};
use crate::pane::{Ask, Confirm, Effect, Level};
use crate::protocol::ssm::SsmOp;
use crate::protocol::{Op, Owner, Request};

/// Where the new parameter goes and who owns the request.
#[derive(Clone)]
pub struct Place {
    pub owner: Owner,
    pub ctx: ContextKey,
    /// The listed path (`/` or `/app/prod`).
    pub path: String,
}

/// The first question: the name.
pub fn start(place: Place) -> Vec<Effect> {
    vec![Effect::Ask(Ask {
        title: format!("New parameter under {}: name", place.path),
        initial: String::new(),
        complete_paths: false,
        on_answer: Box::new(move |name| match full_name(&place.path, &name) {
            Ok(name) => ask_type(place, name),
            Err(why) => vec![Effect::Flash(Level::Warn, why)],
        }),
    })]
}

/// `name` under `path`, or as given when it starts with `/`.
fn full_name(path: &str, name: &str) -> Result<String, String> {
    let name = name.trim();
    if name.is_empty() || name == "/" {
        return Err("no name: nothing created".into());
    }
    if name.chars().any(char::is_whitespace) {
        return Err(format!("{name}: a parameter name has no spaces"));
    }
    if name.starts_with('/') {
        return Ok(name.trim_end_matches('/').to_string());
    }
    let name = name.trim_end_matches('/');
    Ok(match path {
        "/" => format!("/{name}"),
        path => format!("{path}/{name}"),
    })
}

fn ask_type(place: Place, name: String) -> Vec<Effect> {
    vec![Effect::Ask(Ask {
        title: "Type: String, StringList or SecureString".into(),
        initial: "String".into(),
        complete_paths: false,
        on_answer: Box::new(move |typed| match parse_type(&typed) {
            Some(kind) => ask_value(place, name, kind),
            None => vec![Effect::Flash(
                Level::Warn,
                format!("{typed}: not String, StringList or SecureString; nothing created"),
            )],
        }),
    })]
}

/// The type as typed, in any case (`securestring`, `SecureString`).
fn parse_type(typed: &str) -> Option<ParamType> {
    ["String", "StringList", "SecureString"]
        .into_iter()
        .find(|t| t.eq_ignore_ascii_case(typed.trim()))
        .map(ParamType::parse)
}

fn ask_value(place: Place, name: String, kind: ParamType) -> Vec<Effect> {
    let secure = kind.is_secure();
    let ask = Ask {
        title: if secure {
            super::put::secret_title("SecureString value", &name)
        } else {
            format!("{} value of {name}", kind.as_str())
        },
        initial: String::new(),
        complete_paths: false,
        on_answer: Box::new(move |value| confirm(place, name, kind, value)),
    };
    vec![if secure {
        Effect::AskSecret(ask)
    } else {
        Effect::Ask(ask)
    }]
}

/// The confirmation of the whole parameter, or why nothing is asked.
fn confirm(place: Place, name: String, kind: ParamType, value: String) -> Vec<Effect> {
    if value.is_empty() {
        return vec![Effect::Flash(
            Level::Warn,
            "an empty value: nothing created (SSM takes no empty value)".into(),
        )];
    }
    let shown = if kind.is_secure() {
        format!("value: {} characters (not shown)", value.chars().count())
    } else {
        format!("value: {}", super::put::cut(&value))
    };
    let lines = vec![
        format!(
            "a {} · PutParameter without overwrite, sent once",
            kind.as_str()
        ),
        shown,
        "an existing parameter of that name is left as it is (SSM refuses)".into(),
    ];
    let op = Op::Ssm(SsmOp::Put {
        ctx: place.ctx,
        new: NewVersion {
            name: name.clone(),
            kind,
            value: SecretText::new(value),
            base_version: 0,
        },
    });
    vec![Effect::Confirm(Confirm {
        title: format!("Create parameter {name}?"),
        lines,
        typed: None,
        on_yes: vec![Effect::Request(
            Request::new(place.owner, op).in_slot("create"),
        )],
    })]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::protocol::PaneId;

    fn place() -> Place {
        Place {
            owner: Owner::Pane(PaneId(1)),
            ctx: ContextKey {
                profile: Some("dev".into()),
                region: "eu-west-1".into(),
            },
            path: "/app/prod".into(),
        }
    }

    fn answer(effects: Vec<Effect>, text: &str) -> Vec<Effect> {
        match effects.into_iter().next() {
            Some(Effect::Ask(a) | Effect::AskSecret(a)) => (a.on_answer)(text.into()),
            other => panic!("not a question: {other:?}"),
        }
    }

    #[test]
    fn names_go_under_the_listed_path_unless_absolute() {
        assert_eq!(
            full_name("/app/prod", "db/host").unwrap(),
            "/app/prod/db/host"
        );
        assert_eq!(full_name("/", "flag").unwrap(), "/flag");
        assert_eq!(full_name("/app", "/other/x/").unwrap(), "/other/x");
        assert!(full_name("/app", "  ").is_err());
        assert!(full_name("/app", "a b").is_err());
        assert_eq!(parse_type("securestring"), Some(ParamType::SecureString));
        assert_eq!(parse_type("stringlist"), Some(ParamType::StringList));
        assert_eq!(parse_type("number"), None);
    }

    #[test]
    fn a_secure_value_is_asked_masked_and_confirmed_by_its_length_only() {
        let asked_type = answer(start(place()), "api/token");
        let asked_value = answer(asked_type, "SecureString");
        assert!(matches!(&asked_value[..], [Effect::AskSecret(_)]));
        let confirmed = answer(asked_value, "t0p-s3cret");
        let [Effect::Confirm(c)] = &confirmed[..] else {
            panic!("no confirmation: {confirmed:?}")
        };
        assert_eq!(c.title, "Create parameter /app/prod/api/token?");
        let all = format!("{} {:?}", c.lines.join("\n"), c.on_yes);
        assert!(!all.contains("t0p-s3cret"), "{all}");
        assert!(all.contains("10 characters"), "{all}");
        let Effect::Request(r) = &c.on_yes[0] else {
            panic!("no request")
        };
        let Op::Ssm(SsmOp::Put { new, .. }) = &r.op else {
            panic!("not a put")
        };
        assert_eq!(new.base_version, 0, "a create never overwrites");
        assert!(r.op.mutation().is_some());
    }

    #[test]
    fn a_plain_value_is_asked_in_the_clear_and_shown_before_it_is_created() {
        let asked_value = answer(answer(start(place()), "level"), "string");
        assert!(matches!(&asked_value[..], [Effect::Ask(_)]));
        let confirmed = answer(asked_value, "debug");
        let [Effect::Confirm(c)] = &confirmed[..] else {
            panic!("no confirmation")
        };
        assert!(c.lines.iter().any(|l| l == "value: debug"), "{:?}", c.lines);
        assert!(matches!(
            &answer(answer(answer(start(place()), "x"), "String"), "")[..],
            [Effect::Flash(Level::Warn, _)]
        ));
    }
}
