//! `guifan token`: API tokens for other tools (scoped read or write, revocable).

use anyhow::Result;
use guifan_server::accounts::TokenScope;

use crate::ctx::{Ctx, print_json};
use crate::render::Table;

/// `guifan token`.
#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(subcommand)]
    pub command: Command,
}

/// What to do with tokens.
#[derive(Debug, clap::Subcommand)]
pub enum Command {
    /// Make a token; its secret is printed once (the registry keeps only its hash).
    Add {
        /// The token's name (the tool that uses it); the audit log records `token:NAME`.
        name: String,
        /// read (as a viewer) or write (as a reviewer).
        #[arg(long, value_parser = scope_value)]
        scope: TokenScope,
    },
    /// Revoke a token.
    Revoke {
        /// The token's name.
        name: String,
    },
    /// List the tokens.
    List {
        /// Print the list as JSON.
        #[arg(long)]
        json: bool,
    },
}

fn scope_value(s: &str) -> Result<TokenScope, String> {
    TokenScope::parse(s).map_err(|e| e.to_string())
}

/// Runs `guifan token`.
pub fn run(ctx: &Ctx, args: &Args) -> Result<()> {
    let acc = super::user::accounts(ctx)?;
    match &args.command {
        Command::Add { name, scope } => {
            let secret = acc.add_token(name, *scope)?;
            eprintln!(
                "token {name} ({}): send it as `Authorization: Bearer …`; it is not shown again",
                scope.token()
            );
            outln!("{secret}")?;
        }
        Command::Revoke { name } => {
            acc.revoke_token(name)?;
            outln!("revoked {name}")?;
        }
        Command::List { json } => {
            let tokens = acc.tokens()?;
            if *json {
                return print_json(&tokens);
            }
            let mut t = Table::new(["name", "scope", "created", "revoked"]);
            for k in &tokens {
                t.row([
                    k.name.clone(),
                    k.scope.token().to_owned(),
                    k.created.clone(),
                    k.revoked.clone().unwrap_or_default(),
                ]);
            }
            out!("{}", t.render())?;
        }
    }
    Ok(())
}
