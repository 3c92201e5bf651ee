//! The command line.

use clap::Parser;
use std::path::PathBuf;

/// A keyboard-driven terminal console for AWS.
#[derive(Debug, Parser)]
#[command(name = "awsterm", version, about, long_about = None)]
pub struct Cli {
    /// AWS profile to use (from ~/.aws/config and ~/.aws/credentials). Without it the SDK's
    /// default chain applies: environment credentials, then AWS_PROFILE or `default`.
    #[arg(long, value_name = "NAME")]
    pub profile: Option<String>,

    /// AWS region (overrides the profile's region and AWS_REGION).
    #[arg(long, value_name = "NAME")]
    pub region: Option<String>,

    /// Send every AWS request to this endpoint (a local emulator, a VPC endpoint).
    #[arg(long, value_name = "URL")]
    pub endpoint_url: Option<String>,

    /// Hide and refuse every command that changes AWS resources.
    #[arg(long)]
    pub read_only: bool,

    /// Colour theme (a built-in or a file in <config dir>/themes/).
    #[arg(long, value_name = "NAME")]
    pub theme: Option<String>,

    /// Configuration file (default: ~/.config/awsterm/config.toml).
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,

    /// Log file (default: ~/.local/state/awsterm/awsterm.log).
    #[arg(long, value_name = "FILE")]
    pub log_file: Option<PathBuf>,
}
