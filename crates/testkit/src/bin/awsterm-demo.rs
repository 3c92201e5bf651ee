//! `scripts/demo`: a local AWS emulator with seeded data in two accounts and two regions, and
//! awsterm running on it. Everything stays on 127.0.0.1 and is removed on exit. The big
//! bucket's 20,000 objects (about 100 s) are written while awsterm is already open.
//!
//! Usage: awsterm-demo [run] [-- AWSTERM ARGS…] | awsterm-demo serve [--small]

use aws_runtime::env_config::file::{EnvConfigFileKind, EnvConfigFiles};
use awsterm_testkit::account::{ENV_TO_REMOVE, explicit_sdk_config};
use awsterm_testkit::moto::Moto;
use awsterm_testkit::seed::{self, Scale, Target};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

const DEV_ACCOUNT: &str = "123456789012";
const PROD_ACCOUNT: &str = "210987654321";
const REGIONS: [&str; 2] = ["us-east-1", "eu-west-1"];

#[tokio::main]
async fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (command, rest) = match args.first().map(String::as_str) {
        Some("serve") => ("serve", &args[1..]),
        Some("run") => ("run", &args[1..]),
        _ => ("run", &args[..]),
    };
    let small = rest.iter().any(|a| a == "--small");
    let passthrough: Vec<String> = match rest.iter().position(|a| a == "--") {
        Some(i) => rest[i + 1..].to_vec(),
        None => rest.iter().filter(|a| *a != "--small").cloned().collect(),
    };
    match prepare(if small { Scale::Small } else { Scale::Demo }).await {
        Ok(demo) => match command {
            "serve" => serve(demo).await,
            _ => run_awsterm(demo, &passthrough).await,
        },
        Err(e) => {
            eprintln!("awsterm-demo: {e}");
            ExitCode::FAILURE
        }
    }
}

struct Demo {
    moto: Moto,
    dir: tempfile::TempDir,
    feeder: tokio::task::JoinHandle<()>,
    /// Fills the big bucket behind the UI; `<dir>/seeding.log` says how far it got.
    filler: tokio::task::JoinHandle<()>,
}

/// The big bucket's context: demo-dev in us-east-1.
const BIG_BUCKET: (&str, &str, &str, &str) = ("demo-dev", DEV_ACCOUNT, "dev", "us-east-1");
const BIG_BUCKET_NAME: &str = "acme-dev-datalake";

async fn prepare(scale: Scale) -> Result<Demo, String> {
    let started = Instant::now();
    eprintln!("starting the local AWS emulator (moto)…");
    let moto = Moto::start()?;
    eprintln!(
        "  ready at {} in {:.1} s",
        moto.endpoint,
        started.elapsed().as_secs_f64()
    );
    let dir = tempfile::Builder::new()
        .prefix("awsterm-demo-")
        .tempdir()
        .map_err(|e| e.to_string())?;
    write_aws_files(dir.path(), &moto.endpoint)?;
    std::fs::create_dir_all(dir.path().join("config")).map_err(|e| e.to_string())?;
    let files = env_config_files(dir.path());
    for (profile, account, env) in [
        ("demo-dev", DEV_ACCOUNT, "dev"),
        ("demo-prod", PROD_ACCOUNT, "prod"),
    ] {
        for region in REGIONS {
            let sdk = explicit_sdk_config(files.clone(), profile, region, &moto.endpoint).await;
            let target = Target {
                sdk: &sdk,
                endpoint: &moto.endpoint,
                account,
                env,
                scale,
                big_bucket: (profile, region) == (BIG_BUCKET.0, BIG_BUCKET.3),
            };
            eprintln!("seeding {profile} ({account}) in {region}…");
            let report = seed::seed_all(&target).await?;
            for line in report.lines {
                eprintln!("  {line}");
            }
        }
    }
    eprintln!(
        "seeded everything but {BIG_BUCKET_NAME}'s objects in {:.1} s",
        started.elapsed().as_secs_f64()
    );
    let filler = {
        let (profile, account, env, region) = BIG_BUCKET;
        let sdk = explicit_sdk_config(files.clone(), profile, region, &moto.endpoint).await;
        let (endpoint, log) = (moto.endpoint.clone(), dir.path().join("seeding.log"));
        tokio::spawn(async move {
            let target = Target {
                sdk: &sdk,
                endpoint: &endpoint,
                account,
                env,
                scale,
                big_bucket: true,
            };
            // Not on stderr: awsterm owns the terminal by now.
            let say = |line: String| {
                use std::io::Write;
                if let Ok(mut f) = std::fs::OpenOptions::new()
                    .create(true)
                    .append(true)
                    .open(&log)
                {
                    let _ = writeln!(f, "{line}");
                }
            };
            let filled = seed::fill_big_bucket(&target, |n, total| {
                say(format!("{BIG_BUCKET_NAME}: {n} of {total} objects"))
            })
            .await;
            say(match filled {
                Ok(n) => format!("{BIG_BUCKET_NAME}: done, {n} objects"),
                Err(e) => format!("{BIG_BUCKET_NAME}: stopped: {e}"),
            });
        })
    };
    eprintln!(
        "{BIG_BUCKET_NAME} (demo-dev, us-east-1) is still filling in the background: {} \
         objects in about {} s; Ctrl-R in it lists what is there so far (progress: {})",
        if scale == Scale::Demo {
            "20,000"
        } else {
            "300"
        },
        if scale == Scale::Demo { 100 } else { 2 },
        dir.path().join("seeding.log").display()
    );
    let mut feeders = Vec::new();
    for (profile, region) in [("demo-dev", "us-east-1"), ("demo-prod", "eu-west-1")] {
        let sdk = explicit_sdk_config(files.clone(), profile, region, &moto.endpoint).await;
        feeders.push(tokio::spawn(awsterm_testkit::logfeed::run(sdk)));
    }
    let feeder = tokio::spawn(async move {
        for f in feeders {
            let _ = f.await;
        }
    });
    Ok(Demo {
        moto,
        dir,
        feeder,
        filler,
    })
}

fn write_aws_files(dir: &Path, endpoint: &str) -> Result<(), String> {
    let config = format!(
        "[profile demo-dev]\nregion = us-east-1\nendpoint_url = {endpoint}\n\n\
         [profile demo-prod]\nrole_arn = arn:aws:iam::{PROD_ACCOUNT}:role/ops-admin\n\
         source_profile = demo-dev\nrole_session_name = awsterm-demo\nregion = eu-west-1\n\
         endpoint_url = {endpoint}\n"
    );
    let credentials = "[demo-dev]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\n\
         aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n";
    std::fs::write(dir.join("aws-config"), config).map_err(|e| e.to_string())?;
    std::fs::write(dir.join("aws-credentials"), credentials).map_err(|e| e.to_string())
}

fn env_config_files(dir: &Path) -> EnvConfigFiles {
    EnvConfigFiles::builder()
        .with_file(EnvConfigFileKind::Config, dir.join("aws-config"))
        .with_file(EnvConfigFileKind::Credentials, dir.join("aws-credentials"))
        .build()
}

fn demo_env(dir: &Path) -> Vec<(String, String)> {
    let path = |p: PathBuf| p.display().to_string();
    vec![
        ("AWS_CONFIG_FILE".into(), path(dir.join("aws-config"))),
        (
            "AWS_SHARED_CREDENTIALS_FILE".into(),
            path(dir.join("aws-credentials")),
        ),
        ("AWS_EC2_METADATA_DISABLED".into(), "true".into()),
        ("AWSTERM_CONFIG_DIR".into(), path(dir.join("config"))),
        ("XDG_STATE_HOME".into(), path(dir.join("state"))),
    ]
}

fn awsterm_binary() -> PathBuf {
    if let Some(p) = std::env::var_os("AWSTERM_BIN") {
        return PathBuf::from(p);
    }
    std::env::current_exe()
        .ok()
        .and_then(|p| p.parent().map(|d| d.join("awsterm")))
        .unwrap_or_else(|| PathBuf::from("awsterm"))
}

async fn run_awsterm(demo: Demo, args: &[String]) -> ExitCode {
    let mut command = tokio::process::Command::new(awsterm_binary());
    command.arg("--profile").arg("demo-dev").args(args);
    for name in ENV_TO_REMOVE {
        command.env_remove(name);
    }
    command.envs(demo_env(demo.dir.path()));
    let status = command.status().await;
    demo.feeder.abort();
    demo.filler.abort();
    drop(demo.moto);
    match status {
        Ok(s) => ExitCode::from(s.code().unwrap_or(1).clamp(0, 255) as u8),
        Err(e) => {
            eprintln!(
                "awsterm-demo: cannot run {}: {e} (build it with cargo build)",
                awsterm_binary().display()
            );
            ExitCode::FAILURE
        }
    }
}

/// For development: keep the emulator and data up, print how to point awsterm at it.
async fn serve(demo: Demo) -> ExitCode {
    println!("# the demo emulator is up; in another shell:");
    for (k, v) in demo_env(demo.dir.path()) {
        println!("export {k}={v}");
    }
    println!("awsterm --profile demo-dev    # Ctrl-C here stops the emulator");
    let _ = tokio::signal::ctrl_c().await;
    demo.feeder.abort();
    demo.filler.abort();
    ExitCode::SUCCESS
}
