//! `guifan user`: the web application's accounts (in `accounts.sqlite` of the registry).

use std::io::{BufRead, IsTerminal};

use anyhow::{Result, bail};
use guifan_server::accounts::{Accounts, Role};

use crate::ctx::{Ctx, print_json};
use crate::i18n::t;
use crate::render::Table;

/// `guifan user`.
#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(subcommand)]
    pub command: Command,
}

/// What to do with accounts.
#[derive(Debug, clap::Subcommand)]
pub enum Command {
    /// Create an account; the password is asked for (or read from stdin).
    Add {
        /// The sign-in name, which the audit log records.
        name: String,
        /// viewer (reads), reviewer (also records decisions, filings, reviews, status
        /// changes, imports) or admin (also accounts, tokens, campaigns).
        #[arg(long, value_parser = role_value)]
        role: Role,
        /// Read the password from the first line of stdin instead of asking.
        #[arg(long)]
        password_stdin: bool,
    },
    /// Set an account's password (its sessions end).
    Passwd {
        /// The account.
        name: String,
        /// Read the password from the first line of stdin instead of asking.
        #[arg(long)]
        password_stdin: bool,
    },
    /// Change an account's role (its sessions end).
    Role {
        /// The account.
        name: String,
        /// The new role.
        #[arg(value_parser = role_value)]
        role: Role,
    },
    /// Remove an account.
    Remove {
        /// The account.
        name: String,
    },
    /// List the accounts.
    List {
        /// Print the list as JSON.
        #[arg(long)]
        json: bool,
    },
}

fn role_value(s: &str) -> Result<Role, String> {
    Role::parse(s).map_err(|e| e.to_string())
}

/// The accounts store of the registry (which must exist).
pub fn accounts(ctx: &Ctx) -> Result<Accounts> {
    drop(ctx.open()?);
    Ok(Accounts::open(&ctx.registry)?)
}

/// A password from stdin's first line, or asked twice on the terminal.
fn password(from_stdin: bool) -> Result<String> {
    if from_stdin || !std::io::stdin().is_terminal() {
        let mut line = String::new();
        std::io::stdin().lock().read_line(&mut line)?;
        return Ok(line.trim_end_matches(['\r', '\n']).to_owned());
    }
    let first = rpassword::prompt_password("password: ")?;
    let again = rpassword::prompt_password("again: ")?;
    if first != again {
        bail!("{}", t!("user-passwords-differ"));
    }
    Ok(first)
}

/// Runs `guifan user`.
pub fn run(ctx: &Ctx, args: &Args) -> Result<()> {
    let acc = accounts(ctx)?;
    match &args.command {
        Command::Add {
            name,
            role,
            password_stdin,
        } => {
            let user = acc.add_user(name, *role, &password(*password_stdin)?)?;
            outln!("created {} ({})", user.name, user.role.token())?;
        }
        Command::Passwd {
            name,
            password_stdin,
        } => {
            acc.set_password(name, &password(*password_stdin)?)?;
            outln!("password of {name} changed")?;
        }
        Command::Role { name, role } => {
            acc.set_role(name, *role)?;
            outln!("{name} is now {}", role.token())?;
        }
        Command::Remove { name } => {
            acc.remove_user(name)?;
            outln!("removed {name}")?;
        }
        Command::List { json } => {
            let users = acc.users()?;
            if *json {
                return print_json(&users);
            }
            let mut t = Table::new(["name", "role", "created"]);
            for u in &users {
                t.row([u.name.clone(), u.role.token().to_owned(), u.created.clone()]);
            }
            out!("{}", t.render())?;
        }
    }
    Ok(())
}
