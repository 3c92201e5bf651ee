//! The adapter boundary: one small trait per service returning our own types. Panes and the
//! runtime see only these traits; the SDK implementations and the in-memory fakes sit behind them.

pub mod alarms;
pub mod ambient;
pub mod atomic_file;
pub mod attributes;
pub mod ca_bundle;
pub mod cloudformation;
pub mod cloudwatch;
pub mod context_settings;
pub mod dynamodb;
pub mod dynamodb_edit;
pub mod dynamodb_json;
pub mod dynamodb_query;
pub mod dynamodb_value;
pub mod ec2;
pub mod ec2_inventory;
pub mod ecs;
pub mod elb;
pub mod error;
pub mod fake;
pub mod filled;
pub mod iam;
pub mod lambda;
pub mod local_path;
pub mod login_session;
pub mod logs;
pub mod logs_insights;
pub mod mfa;
pub mod model;
pub mod once;
pub mod page;
pub mod profiles;
pub mod rds;
pub mod regions;
pub mod route53;
pub mod s3;
pub mod s3_url;
pub mod sdk;
pub mod secrets;
pub mod sns;
pub mod sqs;
pub mod ssm;
pub mod sso;
pub mod sts;
pub mod tagging;
pub mod tree;
pub mod upload_stall;

use std::sync::Arc;

pub use error::{AwsError, ErrorKind};
pub use sdk::{AwsFiles, AwsSetup, ContextKey, SdkConfigs};

/// Every service adapter the app can call. Cheap to clone.
#[derive(Clone)]
pub struct Adapters {
    pub sts: Arc<dyn sts::StsApi>,
    pub s3: Arc<dyn s3::S3Api>,
    pub ec2: Arc<dyn ec2::Ec2Api>,
    pub rds: Arc<dyn rds::RdsApi>,
    pub dynamodb: Arc<dyn dynamodb::DynamoApi>,
    pub lambda: Arc<dyn lambda::LambdaApi>,
    pub logs: Arc<dyn logs::LogsApi>,
    pub cloudformation: Arc<dyn cloudformation::CfnApi>,
    /// CloudWatch alarms, their history and ListMetrics.
    pub alarms: Arc<dyn alarms::AlarmsApi>,
    /// CloudWatch metrics (GetMetricData) for the charts.
    pub metrics: Arc<dyn cloudwatch::MetricsApi>,
    /// IAM roles, users and policies (read-only; global, signed for the partition's region).
    pub iam: Arc<dyn iam::IamApi>,
    /// Load balancers (ELBv2), listeners, target groups and target health.
    pub elb: Arc<dyn elb::ElbApi>,
    /// Route 53 hosted zones and record sets.
    pub route53: Arc<dyn route53::Route53Api>,
    /// The Resource Groups Tagging API (resources by tag).
    pub tagging: Arc<dyn tagging::TaggingApi>,
    /// Secrets Manager: metadata, versions, a value only when asked.
    pub secrets: Arc<dyn secrets::SecretsApi>,
    /// SSM Parameter Store: parameters by path, history, decrypted reads, puts.
    pub ssm: Arc<dyn ssm::ParamsApi>,
    pub sqs: Arc<dyn sqs::SqsApi>,
    pub sns: Arc<dyn sns::SnsApi>,
    /// ECS clusters, services, tasks and task definitions.
    pub ecs: Arc<dyn ecs::EcsApi>,
    /// Present for the SDK implementation; lets the app drop cached configs (reload profiles).
    pub configs: Option<Arc<SdkConfigs>>,
}

impl Adapters {
    pub fn sdk(setup: AwsSetup) -> Adapters {
        let configs = Arc::new(SdkConfigs::new(setup));
        Adapters {
            sts: Arc::new(sts::SdkSts::new(configs.clone())),
            s3: Arc::new(s3::SdkS3::new(configs.clone())),
            ec2: Arc::new(ec2::SdkEc2::new(configs.clone())),
            rds: Arc::new(rds::SdkRds::new(configs.clone())),
            dynamodb: Arc::new(dynamodb::SdkDynamo::new(configs.clone())),
            lambda: Arc::new(lambda::SdkLambda::new(configs.clone())),
            logs: Arc::new(logs::SdkLogs::new(configs.clone())),
            cloudformation: Arc::new(cloudformation::SdkCfn::new(configs.clone())),
            alarms: Arc::new(alarms::SdkAlarms::new(configs.clone())),
            metrics: Arc::new(cloudwatch::SdkMetrics::new(configs.clone())),
            iam: Arc::new(iam::SdkIam::new(configs.clone())),
            elb: Arc::new(elb::SdkElb::new(configs.clone())),
            route53: Arc::new(route53::SdkRoute53::new(configs.clone())),
            tagging: Arc::new(tagging::SdkTagging::new(configs.clone())),
            secrets: Arc::new(secrets::SdkSecrets::new(configs.clone())),
            ssm: Arc::new(ssm::SdkParams::new(configs.clone())),
            sqs: Arc::new(sqs::SdkSqs::new(configs.clone())),
            sns: Arc::new(sns::SdkSns::new(configs.clone())),
            ecs: Arc::new(ecs::SdkEcs::new(configs.clone())),
            configs: Some(configs),
        }
    }
}

/// The ARN partition a region belongs to.
pub fn partition(region: &str) -> &'static str {
    if region.starts_with("cn-") {
        "aws-cn"
    } else if region.starts_with("us-gov-") {
        "aws-us-gov"
    } else {
        "aws"
    }
}

/// One page of a listing, on its way.
pub type PageFuture<T> = futures::future::BoxFuture<'static, Result<page::Page<T>, AwsError>>;
