//! The `ebill` command: `serve` (the default), `migrate`, `operator add`, `openapi`.

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
    /// Print the OpenAPI document.
    Openapi,
    /// Measure the platform against the bare SQL that writes the same rows.
    Bench {
        #[command(subcommand)]
        command: BenchCommand,
    },
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

fn main() -> ExitCode {
    env_logger::Builder::from_env(env_logger::Env::default().default_filter_or("info")).init();
    let result = match Cli::parse().command.unwrap_or(Command::Serve) {
        Command::Openapi => serde_json::to_string_pretty(&ebill::api::spec()).map(|json| println!("{json}")).map_err(Into::into),
        Command::Bench { command: BenchCommand::Ingest { accounts, services, batch, postgres } } => {
            bench_ingest(ebill::bench::Shape { accounts, services, batch: batch.clamp(1, 10_000) }, postgres.as_deref())
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
        log::info!("ebill listening on http://{bind} (docs at /docs)");
        app.run_until_stopped().await?;
        Ok(())
    })
}

fn add_operator(config: &Config, email: &str, password: &str) -> Result<(), StartError> {
    let pool = open_database(config)?;
    let id = ebill::services::operators::add(&mut *pool.get()?, email, password, ebill::clock::now())
        .map_err(|e| -> StartError { e.to_string().into() })?;
    println!("operator {id} added: {email}");
    Ok(())
}

fn bench_ingest(shape: ebill::bench::Shape, postgres: Option<&str>) -> Result<(), StartError> {
    let dir = tempfile::tempdir()?;
    println!("ingest: {} accounts, {} charges, batches of {}", shape.accounts, shape.accounts * shape.services, shape.batch);
    println!("{:<11} {:>14} {:>14} {:>22} {:>8}", "backend", "accounts/s", "charges/s", "bare SQL rows/s", "ratio");
    for admin in std::iter::once(None).chain(postgres.map(Some)) {
        let (url, scratch) = ebill::bench::scratch_database(admin, dir.path())?;
        let result = actix_web::rt::System::new().block_on(ebill::bench::ingest(url, shape));
        if let (Some(admin), Some(name)) = (admin, scratch) {
            ebill::bench::drop_database(admin, &name)?;
        }
        let f = result?;
        let bare = format!("{:.0} ({})", f.bare_per_sec, f.bare_name);
        println!(
            "{:<11} {:>14.0} {:>14.0} {:>22} {:>7.0}%",
            f.backend,
            f.accounts_per_sec,
            f.charges_per_sec,
            bare,
            100.0 * f.charges_per_sec / f.bare_per_sec
        );
    }
    Ok(())
}
