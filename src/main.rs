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
    let cli = Cli::parse();
    let command = cli.command.unwrap_or(Command::Serve);
    if let Command::Openapi = command {
        match serde_json::to_string_pretty(&ebill::api::spec()) {
            Ok(json) => println!("{json}"),
            Err(e) => return fail(e.into()),
        }
        return ExitCode::SUCCESS;
    }
    let config = match Config::from_env() {
        Ok(config) => config,
        Err(e) => {
            eprintln!("configuration error: {e}");
            return ExitCode::from(2);
        }
    };
    let result = match command {
        Command::Serve => serve(config),
        Command::Migrate => open_database(&config).map(|_| println!("database is up to date")),
        Command::Operator { command: OperatorCommand::Add { email, password } } => add_operator(&config, &email, &password),
        Command::Openapi => Ok(()),
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
