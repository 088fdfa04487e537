//! The `ebill` command: `serve` (the default), `migrate`, `operator add`, `openapi`.

mod bench;

use std::process::ExitCode;

use clap::{Parser, Subcommand};
use ebill::config::Config;
use ebill::startup::{Application, StartError, open_database};

#[derive(Parser)]
#[command(name = "ebill", version, about = "Electronic utility receipts for a payment agent")]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand)]
enum Command {
    /// Run the HTTP API (the default).
    Serve,
    /// Apply pending database migrations and exit.
    Migrate,
    /// Manage the agent's operators.
    Operator {
        #[command(subcommand)]
        command: OperatorCommand,
    },
    /// Manage the keys that sign documents.
    Keys {
        #[command(subcommand)]
        command: KeysCommand,
    },
    /// Print the OpenAPI document.
    Openapi,
    /// Seed a demo city (idempotent) and print how to try it.
    Demo,
    /// Measure the platform against the bare SQL that writes the same rows.
    Bench {
        #[command(subcommand)]
        command: BenchCommand,
    },
}

#[derive(Subcommand)]
enum KeysCommand {
    /// Add a signing key: new documents are signed with it, older ones keep verifying.
    Rotate,
}

#[derive(Subcommand)]
enum BenchCommand {
    /// Upload accounts and push charges over HTTP in batches; compare with COPY / multi-row INSERT.
    Ingest {
        #[arg(long, default_value_t = 62_000)]
        accounts: usize,
        /// Services (charges) per account.
        #[arg(long, default_value_t = 5)]
        services: usize,
        #[arg(long, default_value_t = 10_000)]
        batch: usize,
        /// Charge pushes in flight at once (a provider's uploader with several connections).
        #[arg(long, default_value_t = 4)]
        concurrency: usize,
        /// Months pushed one after the other, each timed beside its own bare write (1 to 12).
        #[arg(long, default_value_t = 3)]
        rounds: usize,
        /// A PostgreSQL URL to create scratch databases next to (run on SQLite only without it).
        #[arg(long, env = "EBILL_BENCH_POSTGRES")]
        postgres: Option<String>,
    },
    /// Run the billing of a city over HTTP; compare with the bare INSERT … SELECT of the same documents;
    /// then print its paper as PDF (pages per second, peak memory).
    Billing {
        /// Premises counts to measure, e.g. `--premises 62000 --premises 124000`.
        #[arg(long, default_values_t = [62_000usize, 124_000])]
        premises: Vec<usize>,
        #[arg(long, default_value_t = 5)]
        providers: u64,
        /// Paper documents printed as PDF after each run (pages of 500, as operators fetch them).
        #[arg(long, default_value_t = 5_000)]
        print: usize,
        /// A PostgreSQL URL to create scratch databases next to (run on SQLite only without it).
        #[arg(long, env = "EBILL_BENCH_POSTGRES")]
        postgres: Option<String>,
    },
    /// Residents' reads (addresses, documents, one document) and `/healthz` on the real server beside a
    /// bare actix + diesel server over the same database: requests/s, p50/p99, and p99 at a fixed rate.
    Reads {
        #[arg(long, default_value_t = 20_000)]
        premises: usize,
        #[arg(long, default_value_t = 5)]
        providers: u64,
        /// Months billed before measuring.
        #[arg(long, default_value_t = 3)]
        months: usize,
        /// Residents whose tokens the load uses (two addresses each).
        #[arg(long, default_value_t = 200)]
        residents: usize,
        /// Keep-alive connections the load holds open.
        #[arg(long, default_value_t = 16)]
        connections: usize,
        /// Rounds per read, alternating which server goes first.
        #[arg(long, default_value_t = 3)]
        rounds: usize,
        /// Seconds a round lasts (the fixed-rate run lasts twice as long).
        #[arg(long, default_value_t = 3.0)]
        seconds: f64,
        /// The fixed rate of the latency run, requests/second.
        #[arg(long, default_value_t = 500.0)]
        rate: f64,
        /// A PostgreSQL URL to create scratch databases next to (run on SQLite only without it).
        #[arg(long, env = "EBILL_BENCH_POSTGRES")]
        postgres: Option<String>,
    },
}

#[derive(Subcommand)]
enum OperatorCommand {
    /// Add an operator who can approve providers and run billing.
    Add {
        #[arg(long)]
        email: String,
        /// At least 10 characters; may come from the environment instead of the command line.
        #[arg(long, env = "EBILL_OPERATOR_PASSWORD", hide_env_values = true)]
        password: String,
    },
}

/// Log lines through `tracing` (the `log` records of the dependencies too), filtered by `RUST_LOG`
/// (default `info`), as text or as one JSON object a line (`EBILL_LOG_FORMAT`; a bad value is reported
/// by the configuration check), to standard error or, for a bench (whose server logs every request as
/// in production), to `file`.
fn init_logging(file: Option<std::fs::File>) {
    use tracing_subscriber::EnvFilter;
    use tracing_subscriber::fmt::writer::BoxMakeWriter;
    let filter = EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info"));
    let json = std::env::var("EBILL_LOG_FORMAT").ok().and_then(|f| ebill::config::LogFormat::parse(&f).ok())
        == Some(ebill::config::LogFormat::Json);
    let writer = match file {
        Some(file) => BoxMakeWriter::new(std::sync::Arc::new(file)),
        None => BoxMakeWriter::new(std::io::stderr),
    };
    let builder = tracing_subscriber::fmt().with_env_filter(filter).with_writer(writer);
    if json {
        builder.json().flatten_event(true).with_current_span(true).with_span_list(false).init();
    } else {
        builder.init();
    }
}

/// Where a bench's server logs: a file beside the scratch databases, named on standard output.
fn bench_log() -> Option<std::fs::File> {
    let path = std::env::temp_dir().join("ebill-bench.log");
    match std::fs::File::create(&path) {
        Ok(file) => {
            println!("the server's log: {}", path.display());
            Some(file)
        }
        Err(e) => {
            eprintln!("cannot write {} ({e}): the server logs to standard error", path.display());
            None
        }
    }
}

fn main() -> ExitCode {
    let command = Cli::parse().command.unwrap_or(Command::Serve);
    init_logging(if matches!(command, Command::Bench { .. }) { bench_log() } else { None });
    let result = match command {
        Command::Openapi => serde_json::to_string_pretty(&ebill::api::document()).map(|json| println!("{json}")).map_err(Into::into),
        Command::Bench { command: BenchCommand::Ingest { accounts, services, batch, concurrency, rounds, postgres } } => {
            let shape = bench::Shape {
                accounts,
                services,
                batch: batch.clamp(1, 10_000),
                concurrency: concurrency.max(1),
                rounds: rounds.clamp(1, 12),
            };
            bench_ingest(shape, postgres.as_deref())
        }
        Command::Bench { command: BenchCommand::Billing { premises, providers, print, postgres } } => {
            bench_billing(&premises, providers, print.max(1), postgres.as_deref())
        }
        Command::Bench {
            command: BenchCommand::Reads { premises, providers, months, residents, connections, rounds, seconds, rate, postgres },
        } => {
            let shape = bench::reads::ReadsShape {
                premises: premises.max(4),
                providers: providers.max(1),
                months: months.max(1),
                residents: residents.max(1),
                connections: connections.clamp(1, 1024),
                rounds: rounds.max(1),
                round: std::time::Duration::from_secs_f64(seconds.clamp(0.5, 600.0)),
                rate: rate.clamp(1.0, 100_000.0),
            };
            bench_reads(shape, postgres.as_deref())
        }
        command => {
            let config = match Config::from_env() {
                Ok(config) => config,
                Err(e) => {
                    eprintln!("configuration error: {e}");
                    return ExitCode::from(2);
                }
            };
            match command {
                Command::Migrate => open_database(&config).map(|_| println!("database is up to date")),
                Command::Operator { command: OperatorCommand::Add { email, password } } => add_operator(&config, &email, &password),
                Command::Demo => demo(&config),
                Command::Keys { command: KeysCommand::Rotate } => rotate_keys(&config),
                _ => serve(config),
            }
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => fail(e),
    }
}

fn fail(e: StartError) -> ExitCode {
    eprintln!("error: {e}");
    ExitCode::FAILURE
}

fn serve(config: Config) -> Result<(), StartError> {
    actix_web::rt::System::new().block_on(async move {
        let bind = config.bind;
        let app = Application::build(config).await?;
        let stopper = app.stopper();
        let signalled = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
        let stopping = actix_web::rt::spawn({
            let signalled = signalled.clone();
            async move {
                stop_signal().await;
                signalled.store(true, std::sync::atomic::Ordering::SeqCst);
                stopper.stop().await;
            }
        });
        tracing::info!("ebill listening on http://{bind} (docs at /docs)");
        app.run_until_stopped().await?;
        if signalled.load(std::sync::atomic::Ordering::SeqCst) {
            // The workers may still be ending their step.
            let _ = stopping.await;
        }
        tracing::info!("stopped");
        Ok(())
    })
}

/// SIGTERM (an orchestrator's stop) or Ctrl-C.
async fn stop_signal() {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{SignalKind, signal};
        match signal(SignalKind::terminate()) {
            Ok(mut term) => {
                tokio::select! {
                    _ = term.recv() => {}
                    _ = tokio::signal::ctrl_c() => {}
                }
            }
            Err(_) => {
                let _ = tokio::signal::ctrl_c().await;
            }
        }
    }
    #[cfg(not(unix))]
    {
        let _ = tokio::signal::ctrl_c().await;
    }
}

fn rotate_keys(config: &Config) -> Result<(), StartError> {
    let pool = open_database(config)?;
    let mut conn = pool.get()?;
    let keys = ebill::startup::master_key(&mut conn)?;
    let kid =
        ebill::services::signing::rotate(&mut conn, &keys, ebill::clock::now()).map_err(|e| -> StartError { e.to_string().into() })?;
    println!("documents are signed with key {kid} from now on; the earlier keys stay in /.well-known/jwks.json");
    Ok(())
}

fn add_operator(config: &Config, email: &str, password: &str) -> Result<(), StartError> {
    let pool = open_database(config)?;
    let id = ebill::services::operators::add(&mut *pool.get()?, email, password, ebill::clock::now())
        .map_err(|e| -> StartError { e.to_string().into() })?;
    println!("operator {id} added: {email}");
    Ok(())
}

fn bench_ingest(shape: bench::Shape, postgres: Option<&str>) -> Result<(), StartError> {
    let dir = bench::ScratchDir::new()?;
    println!(
        "ingest: {} accounts, {} charges a month, batches of {}, {} pushes at once, {} months; medians over the months",
        shape.accounts,
        shape.accounts * shape.services,
        shape.batch,
        shape.concurrency,
        shape.rounds
    );
    println!("{:<11} {:>11} {:>10} {:>22} {:>6} {:>12}", "backend", "accounts/s", "charges/s", "bare SQL rows/s", "ratio", "ratio range");
    for admin in std::iter::once(None).chain(postgres.map(Some)) {
        let (url, scratch) = bench::scratch_database(admin, dir.path())?;
        let result = actix_web::rt::System::new().block_on(bench::ingest(url, shape));
        if let (Some(admin), Some(name)) = (admin, scratch) {
            bench::drop_database(admin, &name)?;
        }
        let f = result?;
        let ratios: Vec<f64> = f.rounds.iter().map(|r| 100.0 * r.ratio()).collect();
        let bare = format!("{:.0} ({})", median(f.rounds.iter().map(|r| r.bare_per_sec)), f.bare_name);
        println!(
            "{:<11} {:>11.0} {:>10.0} {:>22} {:>5.0}% {:>5.0}–{:.0}%",
            f.backend,
            f.accounts_per_sec,
            median(f.rounds.iter().map(|r| r.charges_per_sec)),
            bare,
            median(ratios.iter().copied()),
            ratios.iter().copied().fold(f64::INFINITY, f64::min),
            ratios.iter().copied().fold(0.0, f64::max),
        );
    }
    Ok(())
}

/// The middle value (the mean of the middle two for an even count).
fn median(values: impl Iterator<Item = f64>) -> f64 {
    let mut values: Vec<f64> = values.collect();
    values.sort_by(f64::total_cmp);
    match values.len() {
        0 => f64::NAN,
        n if n % 2 == 1 => values[n / 2],
        n => (values[n / 2 - 1] + values[n / 2]) / 2.0,
    }
}

fn bench_billing(premises: &[usize], providers: u64, print: usize, postgres: Option<&str>) -> Result<(), StartError> {
    let dir = bench::ScratchDir::new()?;
    println!("billing: {providers} providers, one charge each per premises, a third of the premises electronic");
    println!(
        "then prints up to {print} paper documents as PDF (500 a request over HTTP); memory: the process's resident MiB when printing \
         started → its peak while printing"
    );
    println!(
        "{:<11} {:>9} {:>10} {:>10} {:>10} {:>7} {:>12} {:>9} {:>8} {:>9} {:>13}",
        "backend", "premises", "documents", "run s", "bare s", "ratio", "vs smallest", "printed", "pages", "pages/s", "memory MiB"
    );
    for admin in std::iter::once(None).chain(postgres.map(Some)) {
        let mut smallest: Option<(usize, f64)> = None;
        for &n in premises {
            let (url, scratch) = bench::scratch_database(admin, dir.path())?;
            let result = actix_web::rt::System::new().block_on(bench::billing(url, n, providers, print));
            if let (Some(admin), Some(name)) = (admin, scratch) {
                bench::drop_database(admin, &name)?;
            }
            let f = result?;
            let scale = smallest.map(|(m, secs)| format!("{:.2}× for {:.1}×", f.run_secs / secs, n as f64 / m as f64)).unwrap_or_default();
            smallest.get_or_insert((n, f.run_secs));
            println!(
                "{:<11} {:>9} {:>10} {:>10.2} {:>10.2} {:>6.2}× {:>12} {:>9} {:>8} {:>9.0} {:>13}",
                f.backend,
                f.premises,
                f.documents,
                f.run_secs,
                f.bare_secs,
                f.run_secs / f.bare_secs.max(1e-9),
                scale,
                f.printed.documents,
                f.printed.pages,
                f.printed.pages as f64 / f.printed.secs.max(1e-9),
                format!("{:.0} → {:.0}", f.printed.start_mib, f.printed.peak_mib),
            );
        }
    }
    Ok(())
}

fn bench_reads(shape: bench::reads::ReadsShape, postgres: Option<&str>) -> Result<(), StartError> {
    let dir = bench::ScratchDir::new()?;
    println!(
        "reads: {} premises × {} providers, {} months billed, {} residents' tokens (two addresses each); {} connections, {} rounds of {:.1} s \
         alternating; latency also at {:.0} requests/s",
        shape.premises,
        shape.providers,
        shape.months,
        shape.residents,
        shape.connections,
        shape.rounds,
        shape.round.as_secs_f64(),
        shape.rate
    );
    println!(
        "{:<11} {:<27} {:>11} {:>11} {:>6} {:>16} {:>16} {:>22}",
        "backend",
        "read",
        "real req/s",
        "bare req/s",
        "ratio",
        "real p50/p99 ms",
        "bare p50/p99 ms",
        format!("p99 at {:.0}/s real/bare", shape.rate)
    );
    for admin in std::iter::once(None).chain(postgres.map(Some)) {
        let (url, scratch) = bench::scratch_database(admin, dir.path())?;
        let result = actix_web::rt::System::new().block_on(bench::reads::reads(url, shape));
        if let (Some(admin), Some(name)) = (admin, scratch) {
            bench::drop_database(admin, &name)?;
        }
        let f = result?;
        for r in &f.reads {
            let (real_p99, bare_p99) = (r.real_paced.quantile_ms(0.99), r.bare_paced.quantile_ms(0.99));
            println!(
                "{:<11} {:<27} {:>11.0} {:>11.0} {:>5.0}% {:>16} {:>16} {:>22}",
                f.backend,
                r.name,
                r.real.per_sec(),
                r.bare.per_sec(),
                100.0 * r.real.per_sec() / r.bare.per_sec().max(1e-9),
                format!("{:.2}/{:.2}", r.real.quantile_ms(0.5), r.real.quantile_ms(0.99)),
                format!("{:.2}/{:.2}", r.bare.quantile_ms(0.5), r.bare.quantile_ms(0.99)),
                format!("{real_p99:.2}/{bare_p99:.2} ({:.1}×)", real_p99 / bare_p99.max(1e-9)),
            );
        }
        println!("{:<11} (a resident: {} addresses, {} documents)", f.backend, f.addresses, f.documents);
    }
    Ok(())
}

fn demo(config: &Config) -> Result<(), StartError> {
    let pool = open_database(config)?;
    let mut conn = pool.get()?;
    let keys = ebill::startup::master_key(&mut conn)?;
    let seeded =
        ebill::demo::seed(&mut conn, &keys, &config.public_url, ebill::clock::now()).map_err(|e| -> StartError { e.to_string().into() })?;
    let url = config.public_url.as_str().trim_end_matches('/');
    println!("The demo city of Abakan is ready in {:?}: August 2021 is billed, September 2021 is open.\n", config.database_url);
    println!("Start the server (`cargo run`), then open the resident's cabinet at {url}/ or the API's docs at {url}/docs\n");
    println!("Cabinet login:  {} / {}", ebill::demo::RESIDENT_EMAIL, ebill::demo::RESIDENT_PASSWORD);
    println!("Operator (password grant):  {} / {}", ebill::demo::OPERATOR_EMAIL, ebill::demo::OPERATOR_PASSWORD);
    println!(
        "Resident (password grant):  {} / {}   (payer code {}, electronic receipts)",
        ebill::demo::RESIDENT_EMAIL,
        ebill::demo::RESIDENT_PASSWORD,
        seeded.resident_payer_code
    );
    println!("Providers (client credentials):");
    for (name, id, secret, capable) in &seeded.providers {
        println!("  {id} / {secret}   {name}{}", if *capable { ", e-document capable" } else { "" });
    }
    println!("App for the docs page's «Authorize» (PKCE, all scopes):  client_id {}", ebill::demo::DOCS_APP_ID);
    println!("\nTry:");
    println!(
        "  curl -s {url}/v1/oauth/token -d grant_type=password -d username={} -d password={}",
        ebill::demo::RESIDENT_EMAIL,
        ebill::demo::RESIDENT_PASSWORD
    );
    println!("  curl -s {url}/v1/me/documents -H \"authorization: Bearer $TOKEN\"");
    println!("  curl -s {url}/v1/providers");
    println!("A payer code to link with a link code an operator issues: {}", seeded.another_payer_code);
    Ok(())
}
