//! The adapter boundary: one small trait per service returning our own types. Panes and the
//! runtime see only these traits; the SDK implementations and the in-memory fakes sit behind them.

pub mod atomic_file;
pub mod error;
pub mod fake;
pub mod local_path;
pub mod model;
pub mod profiles;
pub mod regions;
pub mod s3;
pub mod sdk;
pub mod sts;

use std::sync::Arc;

pub use error::{AwsError, ErrorKind};
pub use sdk::{AwsFiles, AwsSetup, ContextKey, SdkConfigs};

/// Every service adapter the app can call. Cheap to clone.
#[derive(Clone)]
pub struct Adapters {
    pub sts: Arc<dyn sts::StsApi>,
    pub s3: Arc<dyn s3::S3Api>,
    /// Present for the SDK implementation; lets the app drop cached configs (reload profiles).
    pub configs: Option<Arc<SdkConfigs>>,
}

impl Adapters {
    pub fn sdk(setup: AwsSetup) -> Adapters {
        let configs = Arc::new(SdkConfigs::new(setup));
        Adapters {
            sts: Arc::new(sts::SdkSts::new(configs.clone())),
            s3: Arc::new(s3::SdkS3::new(configs.clone())),
            configs: Some(configs),
        }
    }
}
