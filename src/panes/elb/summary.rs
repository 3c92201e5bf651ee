//! One line for what a listener or rule does and when a rule applies: `forward → web-tg`,
//! `redirect 301 → HTTPS://#{host}:443/#{path}?#{query}`, `fixed 503`; `host=api.example.com
//! and path=/v1/*`. Pure: our own types in, text out.

use crate::aws::elb::{Action, Condition, Listener, Rule, name_in_arn};

/// `HTTPS:443` (or the protocol alone, or `—`).
pub fn listener_label(l: &Listener) -> String {
    match (l.protocol.as_str(), l.port) {
        ("", None) => "—".into(),
        (p, None) => p.to_string(),
        ("", Some(port)) => port.to_string(),
        (p, Some(port)) => format!("{p}:{port}"),
    }
}

/// Every action in the order it runs, joined by `then` (an authentication before a forward).
pub fn actions(actions: &[Action]) -> String {
    if actions.is_empty() {
        return "—".into();
    }
    actions
        .iter()
        .map(action)
        .collect::<Vec<_>>()
        .join(" then ")
}

pub fn action(a: &Action) -> String {
    match a {
        Action::Forward(groups) if groups.is_empty() => "forward".into(),
        Action::Forward(groups) => {
            let weighted = groups.len() > 1 && groups.iter().any(|(_, w)| w.is_some());
            let names: Vec<String> = groups
                .iter()
                .map(|(arn, weight)| match weight {
                    Some(w) if weighted => format!("{} ({w})", name_in_arn(arn)),
                    _ => name_in_arn(arn).to_string(),
                })
                .collect();
            format!("forward → {}", names.join(", "))
        }
        Action::Redirect {
            protocol,
            host,
            port,
            path,
            query,
            status,
        } => {
            // Unset parts keep the request's own (what AWS's placeholders say).
            let protocol = protocol.as_deref().unwrap_or("#{protocol}");
            let host = host.as_deref().unwrap_or("#{host}");
            let port = port.as_deref().unwrap_or("#{port}");
            let path = path.as_deref().unwrap_or("/#{path}");
            let mut url = format!("{protocol}://{host}:{port}{path}");
            match query.as_deref() {
                Some("") => {}
                Some(q) => url.push_str(&format!("?{q}")),
                None => url.push_str("?#{query}"),
            }
            let code = status
                .as_deref()
                .map(|s| s.trim_start_matches("HTTP_"))
                .unwrap_or_default();
            match code {
                "" => format!("redirect → {url}"),
                code => format!("redirect {code} → {url}"),
            }
        }
        Action::FixedResponse { status, .. } => format!("fixed {status}"),
        Action::Other(kind) => kind.clone(),
    }
}

/// Every condition, all of which must hold, joined by `and`; the default rule's `default`.
pub fn conditions(rule: &Rule) -> String {
    if rule.conditions.is_empty() {
        return if rule.is_default {
            "default (no other rule matched)".into()
        } else {
            "any request".into()
        };
    }
    rule.conditions
        .iter()
        .map(condition)
        .collect::<Vec<_>>()
        .join(" and ")
}

/// `host=a.example.com|b.example.com`, `header X-Env=blue`: any of the values matches.
pub fn condition(c: &Condition) -> String {
    let values = c.values.join("|");
    match c.field.as_str() {
        "host-header" => format!("host={values}"),
        "path-pattern" => format!("path={values}"),
        "http-header" => format!("header {}={values}", c.header.as_deref().unwrap_or("?")),
        "http-request-method" => format!("method={values}"),
        "query-string" => format!("query {values}"),
        "source-ip" => format!("source={values}"),
        other => format!("{other}={values}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TG: &str = "arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup";

    fn cond(field: &str, header: Option<&str>, values: &[&str]) -> Condition {
        Condition {
            field: field.into(),
            header: header.map(str::to_owned),
            values: values.iter().map(|v| v.to_string()).collect(),
        }
    }

    #[test]
    fn forwards_name_their_target_groups_with_weights_when_split() {
        let one = Action::Forward(vec![(format!("{TG}/web-tg/abc"), None)]);
        assert_eq!(action(&one), "forward → web-tg");
        let split = Action::Forward(vec![
            (format!("{TG}/blue/1"), Some(80)),
            (format!("{TG}/green/2"), Some(20)),
        ]);
        assert_eq!(action(&split), "forward → blue (80), green (20)");
        // One group in a forward config carries a weight too: not worth saying.
        let single = Action::Forward(vec![(format!("{TG}/web-tg/abc"), Some(1))]);
        assert_eq!(action(&single), "forward → web-tg");
    }

    #[test]
    fn redirects_read_as_a_url_and_fixed_responses_as_their_code() {
        let to_https = Action::Redirect {
            protocol: Some("HTTPS".into()),
            host: Some("#{host}".into()),
            port: Some("443".into()),
            path: Some("/#{path}".into()),
            query: Some("#{query}".into()),
            status: Some("HTTP_301".into()),
        };
        assert_eq!(
            action(&to_https),
            "redirect 301 → HTTPS://#{host}:443/#{path}?#{query}"
        );
        let elsewhere = Action::Redirect {
            protocol: None,
            host: Some("new.example.com".into()),
            port: None,
            path: Some("/".into()),
            query: Some("".into()),
            status: Some("HTTP_302".into()),
        };
        assert_eq!(
            action(&elsewhere),
            "redirect 302 → #{protocol}://new.example.com:#{port}/"
        );
        let fixed = Action::FixedResponse {
            status: "503".into(),
            content_type: Some("text/plain".into()),
        };
        assert_eq!(actions(&[fixed]), "fixed 503");
        let chain = [
            Action::Other("authenticate-oidc".into()),
            Action::Forward(vec![(format!("{TG}/app/1"), None)]),
        ];
        assert_eq!(actions(&chain), "authenticate-oidc then forward → app");
        assert_eq!(actions(&[]), "—");
    }

    #[test]
    fn conditions_join_with_and_and_values_with_bars() {
        let rule = Rule {
            priority: "10".into(),
            is_default: false,
            conditions: vec![
                cond(
                    "host-header",
                    None,
                    &["api.example.com", "api2.example.com"],
                ),
                cond("path-pattern", None, &["/v1/*"]),
                cond("http-header", Some("X-Env"), &["blue"]),
                cond("http-request-method", None, &["GET"]),
                cond("query-string", None, &["v=1"]),
                cond("source-ip", None, &["10.0.0.0/8"]),
            ],
            actions: vec![],
        };
        assert_eq!(
            conditions(&rule),
            "host=api.example.com|api2.example.com and path=/v1/* and header X-Env=blue \
             and method=GET and query v=1 and source=10.0.0.0/8"
        );
        let default = Rule {
            priority: "default".into(),
            is_default: true,
            ..Rule::default()
        };
        assert_eq!(conditions(&default), "default (no other rule matched)");
    }

    #[test]
    fn listeners_read_protocol_and_port() {
        let l = Listener {
            protocol: "HTTPS".into(),
            port: Some(443),
            ..Listener::default()
        };
        assert_eq!(listener_label(&l), "HTTPS:443");
        assert_eq!(listener_label(&Listener::default()), "—");
    }
}
