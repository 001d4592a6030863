//! promptwall-extproc: promptwall as an Envoy external-processing (ext_proc v3) gRPC service,
//! for gateways that attach extensions this way (kgateway's GatewayExtension, Envoy Gateway's
//! EnvoyExtensionPolicy). Same engine, same policy document, same decisions as the wasm filter.

mod admin;
mod exchange;
mod logging;
mod metrics;
mod policy_file;
mod service;

use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Duration;

use envoy_types::pb::envoy::service::ext_proc::v3::external_processor_server::ExternalProcessorServer;
use log::{error, info, LevelFilter};

use exchange::HostOptions;
use metrics::Metrics;
use policy_file::PolicyWatcher;

const USAGE: &str = "usage: promptwall-extproc --policy FILE [--listen ADDR] [--admin ADDR]
       [--reload-seconds S] [--drain-seconds S] [--allow-mode-override]
       [--json-answer-limit BYTES] [--log-level LEVEL]
       promptwall-extproc --check --policy FILE

  --policy FILE          the policy document (policy-schema/policy.schema.json); reloaded when
                         it changes, the last good one kept when an edit does not load
  --listen ADDR          gRPC (ext_proc v3) address                     [0.0.0.0:50051]
  --admin ADDR           /healthz, /readyz and /metrics (Prometheus)    [0.0.0.0:9090]
  --reload-seconds S     how often the policy file is looked at         [1]
  --drain-seconds S      on SIGTERM, how long open streams may finish   [20]
  --allow-mode-override  the Envoy filter sets allow_mode_override: true, so whole JSON answers
                         are buffered with their headers held (a denied tool call becomes a 403)
  --json-answer-limit BYTES
                         the largest whole JSON answer judged; a larger one is refused with a
                         502 (at its headers when content-length says so). Keep it at or below
                         the listener's per_connection_buffer_limit_bytes   [4194304]
  --log-level LEVEL      error|warn|info|debug                          [info]
  --check                load the policy, report, exit (0: loads, 2: refused)";

struct Args {
    policy: PathBuf,
    listen: SocketAddr,
    admin: SocketAddr,
    reload: Duration,
    drain: Duration,
    options: HostOptions,
    log_level: LevelFilter,
    check: bool,
}

fn parse_args(mut argv: impl Iterator<Item = String>) -> Result<Args, String> {
    let mut policy = None;
    let mut listen = "0.0.0.0:50051".to_string();
    let mut admin = "0.0.0.0:9090".to_string();
    let mut reload = "1".to_string();
    let mut drain = "20".to_string();
    let mut log_level = "info".to_string();
    let mut options = HostOptions::default();
    let mut check = false;
    let mut json_answer_limit = None;
    while let Some(flag) = argv.next() {
        let mut value = || argv.next().ok_or(format!("{flag} needs a value"));
        match flag.as_str() {
            "--policy" => policy = Some(PathBuf::from(value()?)),
            "--listen" => listen = value()?,
            "--admin" => admin = value()?,
            "--reload-seconds" => reload = value()?,
            "--drain-seconds" => drain = value()?,
            "--log-level" => log_level = value()?,
            "--allow-mode-override" => options.mode_override = true,
            "--json-answer-limit" => json_answer_limit = Some(value()?),
            "--check" => check = true,
            "-h" | "--help" => return Err(String::new()),
            other => return Err(format!("unknown argument {other}")),
        }
    }
    let seconds = |name: &str, v: &str| {
        v.parse::<f64>()
            .ok()
            .filter(|s| s.is_finite() && *s > 0.0)
            .map(Duration::from_secs_f64)
            .ok_or(format!(
                "{name} takes a positive number of seconds, not {v}"
            ))
    };
    if let Some(v) = json_answer_limit {
        options.json_answer_limit = v.parse().ok().filter(|n| *n > 0).ok_or(format!(
            "--json-answer-limit takes a positive byte count, not {v}"
        ))?;
    }
    Ok(Args {
        policy: policy.ok_or("--policy is required")?,
        listen: listen
            .parse()
            .map_err(|e| format!("--listen {listen}: {e}"))?,
        admin: admin.parse().map_err(|e| format!("--admin {admin}: {e}"))?,
        reload: seconds("--reload-seconds", &reload)?,
        drain: seconds("--drain-seconds", &drain)?,
        options,
        log_level: log_level
            .parse()
            .map_err(|_| format!("--log-level {log_level}: not a level"))?,
        check,
    })
}

fn main() -> ExitCode {
    let args = match parse_args(std::env::args().skip(1)) {
        Ok(args) => args,
        Err(message) => {
            if !message.is_empty() {
                eprintln!("promptwall-extproc: {message}");
            }
            eprintln!("{USAGE}");
            return ExitCode::from(2);
        }
    };
    logging::init(args.log_level);
    let policy = match policy_file::load(&args.policy) {
        Ok(policy) => policy,
        Err(e) => {
            // Never start half-configured: the orchestrator shows the reason and retries.
            error!("policy refused: {e}");
            return ExitCode::from(2);
        }
    };
    if args.check {
        info!("policy {} loads", args.policy.display());
        return ExitCode::SUCCESS;
    }
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime,
        Err(e) => {
            error!("cannot start the runtime: {e}");
            return ExitCode::FAILURE;
        }
    };
    match runtime.block_on(serve(args, policy)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            error!("{e}");
            ExitCode::FAILURE
        }
    }
}

async fn serve(args: Args, policy: promptwall_engine::Policy) -> Result<(), String> {
    let metrics = Arc::new(Metrics::default());
    let ready = Arc::new(AtomicBool::new(false));
    let (watcher, receiver) = PolicyWatcher::new(args.policy.clone(), policy, metrics.clone());
    tokio::spawn(watcher.run(args.reload));

    let admin_listener = tokio::net::TcpListener::bind(args.admin)
        .await
        .map_err(|e| format!("admin address {}: {e}", args.admin))?;
    let admin = Arc::new(admin::Admin {
        metrics: metrics.clone(),
        ready: ready.clone(),
    });
    tokio::spawn(admin.serve(admin_listener));

    let grpc_listener = tokio::net::TcpListener::bind(args.listen)
        .await
        .map_err(|e| format!("gRPC address {}: {e}", args.listen))?;
    let processor = service::Processor {
        policy: receiver,
        options: args.options,
        metrics,
    };
    // Without TCP_NODELAY small gRPC frames wait on Nagle and delayed ACKs (~40 ms per message).
    let incoming =
        tonic::transport::server::TcpIncoming::from(grpc_listener).with_nodelay(Some(true));
    let (stop_tx, stop_rx) = tokio::sync::oneshot::channel::<()>();
    let server = tonic::transport::Server::builder()
        .add_service(ExternalProcessorServer::new(processor))
        .serve_with_incoming_shutdown(incoming, async {
            let _ = stop_rx.await;
        });
    ready.store(true, Ordering::Relaxed);
    info!(
        "promptwall-extproc serving ext_proc on {}, admin on {}, policy {}",
        args.listen,
        args.admin,
        args.policy.display()
    );
    let mut server = std::pin::pin!(server);
    tokio::select! {
        result = &mut server => return result.map_err(|e| format!("gRPC server: {e}")),
        () = shutdown_signal() => {}
    }
    // Stop taking streams, let the open ones finish (Envoy gets GOAWAY), then leave.
    ready.store(false, Ordering::Relaxed);
    info!(
        "shutting down: draining open streams for up to {:?}",
        args.drain
    );
    let _ = stop_tx.send(());
    match tokio::time::timeout(args.drain, server).await {
        Ok(result) => result.map_err(|e| format!("gRPC server: {e}"))?,
        Err(_) => info!("drain time over; closing the remaining streams"),
    }
    info!("stopped");
    Ok(())
}

async fn shutdown_signal() {
    let interrupt = tokio::signal::ctrl_c();
    #[cfg(unix)]
    {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut term) => {
                tokio::select! {
                    _ = interrupt => {}
                    _ = term.recv() => {}
                }
            }
            Err(_) => {
                let _ = interrupt.await;
            }
        }
    }
    #[cfg(not(unix))]
    {
        let _ = interrupt.await;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(list: &[&str]) -> Result<Args, String> {
        parse_args(list.iter().map(|s| s.to_string()))
    }

    #[test]
    fn arguments_have_defaults_and_errors_say_which_flag() {
        let a = args(&["--policy", "p.json"]).unwrap();
        assert_eq!(a.listen.port(), 50051);
        assert!(!a.options.mode_override);
        assert_eq!(a.options.json_answer_limit, 4 << 20);
        let a = args(&["--policy", "p", "--json-answer-limit", "1000"]).unwrap();
        assert_eq!(a.options.json_answer_limit, 1000);
        assert!(args(&["--policy", "p", "--json-answer-limit", "4MB"])
            .err()
            .unwrap()
            .contains("--json-answer-limit"));
        assert!(args(&[]).err().unwrap().contains("--policy"));
        assert!(args(&["--policy", "p", "--reload-seconds", "0"])
            .err()
            .unwrap()
            .contains("--reload-seconds"));
        assert!(args(&["--policy", "p", "--bogus"])
            .err()
            .unwrap()
            .contains("--bogus"));
    }
}
