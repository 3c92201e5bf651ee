//! Parameters in memory, per context (`profile` or `profile@region` keys), listed by path
//! and paged as GetParametersByPath pages them; puts add versions, so history grows as on
//! AWS. SecureString values are held here and given only by `decrypted`, which is counted.

use crate::aws::PageFuture;
use crate::aws::error::{AwsError, ErrorKind};
use crate::aws::once::Sent;
use crate::aws::sdk::ContextKey;
use crate::aws::secrets::SecretText;
use crate::aws::ssm::{NewVersion, ParamType, ParamVersion, Parameter, ParamsApi};
use futures::future::BoxFuture;
use std::collections::HashMap;
use std::sync::{Arc, Mutex};

/// One parameter: every version, oldest first, with its value in clear.
#[derive(Clone, Debug)]
pub struct FakeParam {
    pub name: String,
    pub versions: Vec<(ParamVersion, String)>,
}

impl FakeParam {
    /// A parameter with one version written at `at` by `by`.
    pub fn new(name: &str, kind: ParamType, value: &str, at: i64) -> FakeParam {
        FakeParam {
            name: name.into(),
            versions: vec![(
                ParamVersion {
                    version: 1,
                    value: None,
                    kind,
                    last_modified: Some(at),
                    modified_by: Some("arn:aws:iam::123456789012:user/deploy".into()),
                    labels: Vec::new(),
                    description: None,
                },
                value.into(),
            )],
        }
    }

    /// One more version of the same type.
    pub fn then(mut self, value: &str, at: i64) -> FakeParam {
        let (last, _) = self.versions.last().cloned().expect("a version");
        self.versions.push((
            ParamVersion {
                version: last.version + 1,
                last_modified: Some(at),
                ..last
            },
            value.into(),
        ));
        self
    }

    fn shown(kind: &ParamType, value: &str) -> Option<String> {
        (!kind.is_secure()).then(|| value.to_string())
    }

    fn listed(&self) -> Parameter {
        let (v, value) = self.versions.last().expect("a version");
        Parameter {
            name: self.name.clone(),
            kind: v.kind.clone(),
            version: v.version,
            last_modified: v.last_modified,
            value: Self::shown(&v.kind, value),
            arn: Some(format!(
                "arn:aws:ssm:eu-west-1:123456789012:parameter{}",
                self.name
            )),
            data_type: Some("text".into()),
        }
    }
}

#[derive(Clone, Default)]
pub struct FakeParams {
    /// By context key; `*` for contexts without one of their own.
    pub data: Arc<Mutex<HashMap<String, Vec<FakeParam>>>>,
    pub failing: HashMap<String, AwsError>,
    /// Parameters per page (0: all in one).
    pub page_size: usize,
    /// `name` or `name:version` of every decrypting read, in order.
    pub decrypts: Arc<Mutex<Vec<String>>>,
    /// `name` of every put, in order.
    pub puts: Arc<Mutex<Vec<String>>>,
    pub crashes: super::Crashes,
}

const ANY: &str = "*";

impl FakeParams {
    pub fn with(params: Vec<FakeParam>) -> FakeParams {
        FakeParams::default().context(ANY, params)
    }

    pub fn context(self, key: &str, params: Vec<FakeParam>) -> Self {
        self.data
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .insert(key.into(), params);
        self
    }

    pub fn failing(mut self, key: &str, error: AwsError) -> Self {
        self.failing.insert(key.into(), error);
        self
    }

    fn key(&self, ctx: &ContextKey) -> Result<String, AwsError> {
        let keys = super::per_context::context_keys(ctx);
        if let Some(e) = keys.iter().find_map(|k| self.failing.get(k)) {
            return Err(e.clone());
        }
        let data = self.data.lock().unwrap_or_else(|p| p.into_inner());
        Ok(keys
            .into_iter()
            .find(|k| data.contains_key(k))
            .unwrap_or_else(|| ANY.into()))
    }

    /// PutParameter without overwrite: version 1 of a new name, refused for an existing one
    /// with the service's words.
    fn create(&self, ctx: &ContextKey, new: NewVersion) -> Result<Sent<i64>, AwsError> {
        let key = self.key(ctx)?;
        let mut data = self.data.lock().unwrap_or_else(|p| p.into_inner());
        let params = data.entry(key).or_default();
        if params.iter().any(|p| p.name == new.name) {
            return Err(AwsError::new(
                ErrorKind::Service,
                "ParameterAlreadyExists: The parameter already exists. To overwrite this value, \
                 set the overwrite option in the request to true.",
            ));
        }
        params.push(FakeParam::new(
            &new.name,
            new.kind,
            new.value.expose(),
            1_700_000_000,
        ));
        Ok(Sent::Answered(1))
    }

    fn with_param<T>(
        &self,
        ctx: &ContextKey,
        name: &str,
        f: impl FnOnce(&mut FakeParam) -> Result<T, AwsError>,
    ) -> Result<T, AwsError> {
        let key = self.key(ctx)?;
        let mut data = self.data.lock().unwrap_or_else(|p| p.into_inner());
        data.get_mut(&key)
            .and_then(|params| params.iter_mut().find(|p| p.name == name))
            .ok_or_else(|| AwsError::new(ErrorKind::NotFound, "ParameterNotFound"))
            .and_then(f)
    }
}

impl ParamsApi for FakeParams {
    fn params_page(
        &self,
        ctx: ContextKey,
        path: String,
        token: Option<String>,
    ) -> PageFuture<Parameter> {
        self.crashes.check("params_page");
        let all = self.key(&ctx).map(|key| {
            let data = self.data.lock().unwrap_or_else(|p| p.into_inner());
            let prefix = format!("{}/", path.trim_end_matches('/'));
            data.get(&key)
                .map(|params| {
                    params
                        .iter()
                        .filter(|p| path == "/" || p.name.starts_with(&prefix))
                        .map(FakeParam::listed)
                        .collect()
                })
                .unwrap_or_default()
        });
        super::per_context::paged(all, self.page_size, token)
    }

    fn history_page(
        &self,
        ctx: ContextKey,
        name: String,
        token: Option<String>,
    ) -> PageFuture<ParamVersion> {
        self.crashes.check("param_history");
        let all = self.with_param(&ctx, &name, |p| {
            Ok(p.versions
                .iter()
                .map(|(v, value)| ParamVersion {
                    value: FakeParam::shown(&v.kind, value),
                    ..v.clone()
                })
                .collect())
        });
        super::per_context::paged(all, 0, token)
    }

    fn decrypted(
        &self,
        ctx: ContextKey,
        name: String,
        version: Option<i64>,
    ) -> BoxFuture<'static, Result<SecretText, AwsError>> {
        self.decrypts
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .push(match version {
                Some(v) => format!("{name}:{v}"),
                None => name.clone(),
            });
        let answer = self.with_param(&ctx, &name, |p| {
            p.versions
                .iter()
                .rev()
                .find(|(v, _)| version.is_none_or(|want| v.version == want))
                .map(|(_, value)| SecretText::new(value.clone()))
                .ok_or_else(|| AwsError::new(ErrorKind::NotFound, "ParameterVersionNotFound"))
        });
        Box::pin(async move { answer })
    }

    fn put(
        &self,
        ctx: ContextKey,
        new: NewVersion,
    ) -> BoxFuture<'static, Result<Sent<i64>, AwsError>> {
        self.puts
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .push(new.name.clone());
        if new.base_version == 0 {
            let answer = self.create(&ctx, new);
            return Box::pin(async move { answer });
        }
        let answer = self.with_param(&ctx, &new.name, |p| {
            let (last, _) = p.versions.last().cloned().expect("a version");
            let version = last.version + 1;
            p.versions.push((
                ParamVersion {
                    version,
                    kind: new.kind.clone(),
                    last_modified: Some(last.last_modified.unwrap_or(0) + 60),
                    modified_by: Some("arn:aws:iam::123456789012:user/you".into()),
                    labels: Vec::new(),
                    description: last.description,
                    value: None,
                },
                new.value.expose().to_string(),
            ));
            Ok(Sent::Answered(version))
        });
        Box::pin(async move { answer })
    }
}
