//! `guifan serve`: the web application and the HTTP API on the registry, until SIGTERM or
//! Ctrl-C (requests in flight are finished, writes handed to the writer run to their end).

use std::time::Instant;

use anyhow::{Context, Result};
use guifan_server::{App, Config};

use crate::ctx::Ctx;
use crate::i18n::t;

/// `guifan serve`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The address and port to listen on.
    #[arg(long, default_value = "127.0.0.1:8080")]
    pub listen: String,
    /// Serve the read-only public portal: no login, the documents in force today only.
    #[arg(long)]
    pub public: bool,
    /// Mark the session cookie Secure (when the site is reached over HTTPS).
    #[arg(long)]
    pub secure_cookies: bool,
    /// Behind a reverse proxy: take the client's address from X-Forwarded-For, and mark
    /// cookies Secure when X-Forwarded-Proto is https.
    #[arg(long)]
    pub behind_proxy: bool,
    /// How many read handles (SQLite connections) serve reads at once.
    #[arg(long, default_value_t = 4, value_parser = clap::value_parser!(u16).range(1..=64))]
    pub readers: u16,
    /// The largest upload accepted, in MiB.
    #[arg(long, default_value_t = 64, value_parser = clap::value_parser!(u32).range(1..=4096))]
    pub max_upload_mib: u32,
}

/// Runs `guifan serve`.
pub fn run(ctx: &Ctx, args: &Args) -> Result<()> {
    let started = Instant::now();
    // Fail with the command line's message when there is no registry.
    drop(ctx.open()?);
    let mut config = Config::new(&ctx.registry);
    config.public = args.public;
    config.secure_cookies = args.secure_cookies;
    config.behind_proxy = args.behind_proxy;
    config.readers = usize::from(args.readers);
    config.max_upload_bytes = (args.max_upload_mib as usize) << 20;
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .context("cannot start the server's runtime")?;
    runtime.block_on(async move {
        let app = App::open(config)?;
        let listener = tokio::net::TcpListener::bind(&args.listen)
            .await
            .with_context(|| format!("cannot listen on {}", args.listen))?;
        let addr = listener.local_addr()?;
        eprintln!(
            "{}",
            t!(
                "serve-listening",
                addr = addr,
                registry = ctx.registry.display(),
                site = if args.public {
                    t!("serve-public")
                } else {
                    t!("serve-staff")
                },
                ms = started.elapsed().as_millis()
            )
        );
        // Read the snapshot and bring the index up to the store in the background, so that
        // the first search does not wait for them.
        let warm = std::sync::Arc::clone(&app);
        tokio::spawn(async move {
            if let Err(e) = warm
                .read(|reg, index| index.sync(reg).map(|_| reg.snapshot()))
                .await
            {
                eprintln!("{}", t!("serve-warm-failed", detail = e.detail()));
            }
        });
        guifan_server::serve(app, listener, shutdown()).await?;
        eprintln!("{}", t!("serve-stopped"));
        Ok(())
    })
}

/// Completes on SIGTERM or Ctrl-C.
async fn shutdown() {
    let interrupt = async {
        if tokio::signal::ctrl_c().await.is_err() {
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = interrupt => {},
        () = terminate => {},
    }
    eprintln!("{}", t!("serve-stopping"));
}
