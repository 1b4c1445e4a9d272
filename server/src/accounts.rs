//! Local accounts, sessions and API tokens, in `accounts.sqlite` inside the registry folder.
//!
//! Kept apart from the registry's store: accounts are not documents, and their changes do not
//! belong in the documents' audit chain (the audit log names who changed a document; this
//! store says who may). Passwords are hashed with argon2id (PHC strings); session ids and API
//! tokens are random and stored only as their SHA-256, so a copy of this file opens no session.

use std::path::Path;
use std::sync::{Mutex, PoisonError};

use argon2::Argon2;
use argon2::password_hash::{PasswordHasher, PasswordVerifier};
use rusqlite::{Connection, OptionalExtension, params};
use serde::Serialize;
use sha2::{Digest, Sha256};
use time::OffsetDateTime;

/// The file name of the accounts store inside a registry folder.
pub const ACCOUNTS_FILE: &str = "accounts.sqlite";

/// What an account may do. Each role may do what the ones before it may.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// Reads everything.
    Viewer,
    /// Also records decisions, filings, reviews, status changes, relations and imports.
    Reviewer,
    /// Also manages accounts and tokens, opens and announces campaigns.
    Admin,
}

impl Role {
    /// Every role.
    pub const ALL: [Role; 3] = [Role::Viewer, Role::Reviewer, Role::Admin];

    /// The token: `viewer`, `reviewer`, `admin`.
    pub fn token(self) -> &'static str {
        match self {
            Role::Viewer => "viewer",
            Role::Reviewer => "reviewer",
            Role::Admin => "admin",
        }
    }

    /// The Chinese label.
    pub fn label(self) -> &'static str {
        match self {
            Role::Viewer => "查阅",
            Role::Reviewer => "审查人员",
            Role::Admin => "管理员",
        }
    }

    /// Parses a token or a Chinese label.
    pub fn parse(s: &str) -> Result<Role, AccountError> {
        let t = s.trim();
        Role::ALL
            .into_iter()
            .find(|r| r.token() == t || r.label() == t)
            .ok_or_else(|| {
                AccountError::Invalid(format!(
                    "`role` = `{s}`: expected viewer, reviewer or admin"
                ))
            })
    }
}

/// What an API token may do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum TokenScope {
    /// Reads, as a viewer.
    Read,
    /// Reads and writes, as a reviewer.
    Write,
}

impl TokenScope {
    /// The token: `read` or `write`.
    pub fn token(self) -> &'static str {
        match self {
            TokenScope::Read => "read",
            TokenScope::Write => "write",
        }
    }

    /// The role a token of this scope acts with.
    pub fn role(self) -> Role {
        match self {
            TokenScope::Read => Role::Viewer,
            TokenScope::Write => Role::Reviewer,
        }
    }

    /// Parses `read` or `write`.
    pub fn parse(s: &str) -> Result<TokenScope, AccountError> {
        match s.trim() {
            "read" | "只读" => Ok(TokenScope::Read),
            "write" | "读写" => Ok(TokenScope::Write),
            _ => Err(AccountError::Invalid(format!(
                "`scope` = `{s}`: expected read or write"
            ))),
        }
    }
}

/// The errors of the accounts store.
#[derive(Debug, thiserror::Error)]
pub enum AccountError {
    /// A bad name, role, scope or password.
    #[error("invalid input: {0}")]
    Invalid(String),
    /// No such account or token.
    #[error("{0} not found")]
    NotFound(String),
    /// The name is taken.
    #[error("conflict: {0}")]
    Conflict(String),
    /// SQLite failed.
    #[error("accounts store error")]
    Store(#[from] rusqlite::Error),
    /// The password could not be hashed.
    #[error("password hashing failed: {0}")]
    Hash(String),
    /// The folder could not be read.
    #[error("cannot access the accounts store: {0}")]
    Io(String),
}

/// An account.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct User {
    /// The sign-in name, which the audit log records.
    pub name: String,
    /// What it may do.
    pub role: Role,
    /// When it was created (RFC 3339, UTC).
    pub created: String,
}

/// A signed-in session.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Session {
    /// The account.
    pub user: String,
    /// Its role.
    pub role: Role,
    /// The CSRF token every form of this session carries.
    pub csrf: String,
}

/// An API token (its secret is shown once, when made).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TokenInfo {
    /// The token's name (the tool that uses it); the audit log records `token:NAME`.
    pub name: String,
    /// What it may do.
    pub scope: TokenScope,
    /// When it was made.
    pub created: String,
    /// When it was revoked, if it was.
    pub revoked: Option<String>,
}

/// The accounts store.
pub struct Accounts {
    conn: Mutex<Connection>,
}

impl std::fmt::Debug for Accounts {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Accounts").finish_non_exhaustive()
    }
}

const SCHEMA: &str = "
CREATE TABLE IF NOT EXISTS users (
    name TEXT PRIMARY KEY,
    role TEXT NOT NULL CHECK (role IN ('viewer', 'reviewer', 'admin')),
    password TEXT NOT NULL,
    created TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS sessions (
    id_hash TEXT PRIMARY KEY,
    user TEXT NOT NULL REFERENCES users(name) ON DELETE CASCADE,
    csrf TEXT NOT NULL,
    created TEXT NOT NULL,
    expires INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS tokens (
    name TEXT PRIMARY KEY,
    scope TEXT NOT NULL CHECK (scope IN ('read', 'write')),
    hash TEXT NOT NULL UNIQUE,
    created TEXT NOT NULL,
    revoked TEXT
);
CREATE TABLE IF NOT EXISTS login_failures (
    key TEXT NOT NULL,
    at INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS login_failures_by_key ON login_failures(key, at);
CREATE INDEX IF NOT EXISTS login_failures_by_time ON login_failures(at);
";

/// Random bytes as lower-case hex.
pub fn random_hex(bytes: usize) -> Result<String, AccountError> {
    let mut buf = vec![0u8; bytes];
    getrandom::fill(&mut buf).map_err(|e| AccountError::Hash(e.to_string()))?;
    Ok(hex(&buf))
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// SHA-256 of a secret, hex.
fn digest(secret: &str) -> String {
    hex(&Sha256::digest(secret.as_bytes()))
}

fn now() -> String {
    guifan::date::now_timestamp()
}

fn unix_now() -> i64 {
    OffsetDateTime::now_utc().unix_timestamp()
}

/// Checks an account or token name: 1 to 64 characters, no blanks or control characters.
fn check_name(what: &str, name: &str) -> Result<(), AccountError> {
    let ok = !name.is_empty()
        && name.chars().count() <= 64
        && !name.chars().any(|c| c.is_whitespace() || c.is_control())
        && !name.contains(':');
    if ok {
        Ok(())
    } else {
        Err(AccountError::Invalid(format!(
            "`{what}` = `{name}`: use 1 to 64 characters without blanks or `:`"
        )))
    }
}

/// The shortest password accepted.
pub const MIN_PASSWORD_CHARS: usize = 10;

fn hash_password(password: &str) -> Result<String, AccountError> {
    if password.chars().count() < MIN_PASSWORD_CHARS {
        return Err(AccountError::Invalid(format!(
            "`password`: use at least {MIN_PASSWORD_CHARS} characters"
        )));
    }
    let mut salt = [0u8; 16];
    getrandom::fill(&mut salt).map_err(|e| AccountError::Hash(e.to_string()))?;
    Argon2::default()
        .hash_password_with_salt(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| AccountError::Hash(e.to_string()))
}

/// A hash that no password given matches, verified when the account does not exist so that a
/// wrong name takes as long as a wrong password.
fn dummy_hash() -> &'static str {
    static DUMMY: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    DUMMY.get_or_init(|| {
        random_hex(16)
            .and_then(|p| hash_password(&p))
            .unwrap_or_default()
    })
}

fn verify_password(hash: &str, password: &str) -> bool {
    PasswordVerifier::<str>::verify_password(&Argon2::default(), password.as_bytes(), hash).is_ok()
}

impl Accounts {
    /// Opens (creating when missing) the accounts store of a registry folder.
    pub fn open(registry: &Path) -> Result<Accounts, AccountError> {
        let path = registry.join(ACCOUNTS_FILE);
        let conn = Connection::open(&path)?;
        conn.busy_timeout(std::time::Duration::from_secs(5))?;
        conn.pragma_update(None, "journal_mode", "WAL")?;
        conn.pragma_update(None, "foreign_keys", "ON")?;
        conn.execute_batch(SCHEMA)?;
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600))
                .map_err(|e| AccountError::Io(e.to_string()))?;
        }
        Ok(Accounts {
            conn: Mutex::new(conn),
        })
    }

    fn conn(&self) -> std::sync::MutexGuard<'_, Connection> {
        self.conn.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Failed logins recorded under `key` (`user:NAME` or `ip:ADDRESS`) since the Unix time
    /// `since`. Kept in the accounts store, so that every server on the registry and every
    /// restart sees the same count.
    pub fn login_failures(&self, key: &str, since: i64) -> Result<usize, AccountError> {
        let n: i64 = self.conn().query_row(
            "SELECT count(*) FROM login_failures WHERE key = ?1 AND at >= ?2",
            params![key, since],
            |r| r.get(0),
        )?;
        Ok(usize::try_from(n).unwrap_or(usize::MAX))
    }

    /// Records a failed login under each of `keys` at the Unix time `at`, and forgets failures
    /// older than `forget_before`, in one transaction.
    pub fn record_login_failure(
        &self,
        keys: &[String],
        at: i64,
        forget_before: i64,
    ) -> Result<(), AccountError> {
        let mut conn = self.conn();
        let tx = conn.transaction()?;
        tx.execute(
            "DELETE FROM login_failures WHERE at < ?1",
            params![forget_before],
        )?;
        for key in keys {
            tx.execute(
                "INSERT INTO login_failures (key, at) VALUES (?1, ?2)",
                params![key, at],
            )?;
        }
        tx.commit()?;
        Ok(())
    }

    /// Forgets the failed logins recorded under `key`.
    pub fn clear_login_failures(&self, key: &str) -> Result<(), AccountError> {
        self.conn()
            .execute("DELETE FROM login_failures WHERE key = ?1", params![key])?;
        Ok(())
    }

    /// Creates an account.
    pub fn add_user(&self, name: &str, role: Role, password: &str) -> Result<User, AccountError> {
        check_name("name", name)?;
        let hash = hash_password(password)?;
        let created = now();
        let inserted = self.conn().execute(
            "INSERT INTO users (name, role, password, created) VALUES (?1, ?2, ?3, ?4)
             ON CONFLICT(name) DO NOTHING",
            params![name, role.token(), hash, created],
        )?;
        if inserted == 0 {
            return Err(AccountError::Conflict(format!(
                "an account named `{name}` exists"
            )));
        }
        Ok(User {
            name: name.to_owned(),
            role,
            created,
        })
    }

    /// Sets an account's password; its sessions end.
    pub fn set_password(&self, name: &str, password: &str) -> Result<(), AccountError> {
        let hash = hash_password(password)?;
        let conn = self.conn();
        let n = conn.execute(
            "UPDATE users SET password = ?2 WHERE name = ?1",
            params![name, hash],
        )?;
        if n == 0 {
            return Err(AccountError::NotFound(format!("account `{name}`")));
        }
        conn.execute("DELETE FROM sessions WHERE user = ?1", [name])?;
        Ok(())
    }

    /// Changes an account's role; its sessions end.
    pub fn set_role(&self, name: &str, role: Role) -> Result<(), AccountError> {
        let conn = self.conn();
        let n = conn.execute(
            "UPDATE users SET role = ?2 WHERE name = ?1",
            params![name, role.token()],
        )?;
        if n == 0 {
            return Err(AccountError::NotFound(format!("account `{name}`")));
        }
        conn.execute("DELETE FROM sessions WHERE user = ?1", [name])?;
        Ok(())
    }

    /// Removes an account and its sessions.
    pub fn remove_user(&self, name: &str) -> Result<(), AccountError> {
        let n = self
            .conn()
            .execute("DELETE FROM users WHERE name = ?1", [name])?;
        if n == 0 {
            return Err(AccountError::NotFound(format!("account `{name}`")));
        }
        Ok(())
    }

    /// Every account, by name.
    pub fn users(&self) -> Result<Vec<User>, AccountError> {
        let conn = self.conn();
        let mut stmt = conn.prepare("SELECT name, role, created FROM users ORDER BY name")?;
        let rows = stmt.query_map([], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
            ))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (name, role, created) = row?;
            out.push(User {
                name,
                role: Role::parse(&role)?,
                created,
            });
        }
        Ok(out)
    }

    /// The account if the password is right. Slow on purpose (argon2): call it off the async
    /// threads.
    pub fn verify(&self, name: &str, password: &str) -> Result<Option<User>, AccountError> {
        let row: Option<(String, String, String)> = self
            .conn()
            .query_row(
                "SELECT role, password, created FROM users WHERE name = ?1",
                [name],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .optional()?;
        match row {
            Some((role, hash, created)) if verify_password(&hash, password) => Ok(Some(User {
                name: name.to_owned(),
                role: Role::parse(&role)?,
                created,
            })),
            Some(_) => Ok(None),
            None => {
                verify_password(dummy_hash(), password);
                Ok(None)
            }
        }
    }

    /// Opens a session for an account: returns the session id (for the cookie) and the
    /// session.
    pub fn create_session(
        &self,
        user: &User,
        lasts_seconds: i64,
    ) -> Result<(String, Session), AccountError> {
        let id = random_hex(32)?;
        let csrf = random_hex(32)?;
        let conn = self.conn();
        conn.execute("DELETE FROM sessions WHERE expires < ?1", [unix_now()])?;
        conn.execute(
            "INSERT INTO sessions (id_hash, user, csrf, created, expires) VALUES (?1, ?2, ?3, ?4, ?5)",
            params![digest(&id), user.name, csrf, now(), unix_now() + lasts_seconds],
        )?;
        Ok((
            id,
            Session {
                user: user.name.clone(),
                role: user.role,
                csrf,
            },
        ))
    }

    /// The session a cookie names, if it exists and has not expired.
    pub fn session(&self, id: &str) -> Result<Option<Session>, AccountError> {
        let row: Option<(String, String, String)> = self
            .conn()
            .query_row(
                "SELECT s.user, u.role, s.csrf FROM sessions s JOIN users u ON u.name = s.user
                 WHERE s.id_hash = ?1 AND s.expires >= ?2",
                params![digest(id), unix_now()],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .optional()?;
        row.map(|(user, role, csrf)| {
            Ok(Session {
                user,
                role: Role::parse(&role)?,
                csrf,
            })
        })
        .transpose()
    }

    /// Ends a session.
    pub fn end_session(&self, id: &str) -> Result<(), AccountError> {
        self.conn()
            .execute("DELETE FROM sessions WHERE id_hash = ?1", [digest(id)])?;
        Ok(())
    }

    /// Makes an API token; returns its secret, which is not stored and cannot be shown again.
    pub fn add_token(&self, name: &str, scope: TokenScope) -> Result<String, AccountError> {
        check_name("name", name)?;
        let secret = format!("gf_{}", random_hex(32)?);
        let inserted = self.conn().execute(
            "INSERT INTO tokens (name, scope, hash, created) VALUES (?1, ?2, ?3, ?4)
             ON CONFLICT(name) DO NOTHING",
            params![name, scope.token(), digest(&secret), now()],
        )?;
        if inserted == 0 {
            return Err(AccountError::Conflict(format!(
                "a token named `{name}` exists (revoked tokens keep their name)"
            )));
        }
        Ok(secret)
    }

    /// Revokes a token: it opens nothing from now on.
    pub fn revoke_token(&self, name: &str) -> Result<(), AccountError> {
        let n = self.conn().execute(
            "UPDATE tokens SET revoked = ?2 WHERE name = ?1 AND revoked IS NULL",
            params![name, now()],
        )?;
        if n == 0 {
            return Err(AccountError::NotFound(format!("active token `{name}`")));
        }
        Ok(())
    }

    /// Every token, by name.
    pub fn tokens(&self) -> Result<Vec<TokenInfo>, AccountError> {
        let conn = self.conn();
        let mut stmt =
            conn.prepare("SELECT name, scope, created, revoked FROM tokens ORDER BY name")?;
        let rows = stmt.query_map([], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, Option<String>>(3)?,
            ))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (name, scope, created, revoked) = row?;
            out.push(TokenInfo {
                name,
                scope: TokenScope::parse(&scope)?,
                created,
                revoked,
            });
        }
        Ok(out)
    }

    /// The active token with this secret.
    pub fn token(&self, secret: &str) -> Result<Option<TokenInfo>, AccountError> {
        let row: Option<(String, String, String)> = self
            .conn()
            .query_row(
                "SELECT name, scope, created FROM tokens WHERE hash = ?1 AND revoked IS NULL",
                [digest(secret)],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .optional()?;
        row.map(|(name, scope, created)| {
            Ok(TokenInfo {
                name,
                scope: TokenScope::parse(&scope)?,
                created,
                revoked: None,
            })
        })
        .transpose()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn login_failures_are_counted_in_their_window_and_old_ones_forgotten() {
        let dir = tempfile::tempdir().expect("tempdir");
        let acc = Accounts::open(dir.path()).expect("open");
        let keys = ["user:rita".to_owned(), "ip:10.0.0.1".to_owned()];
        acc.record_login_failure(&keys, 100, 0).expect("record");
        acc.record_login_failure(&keys, 200, 0).expect("record");
        assert_eq!(acc.login_failures("user:rita", 0).expect("count"), 2);
        assert_eq!(acc.login_failures("user:rita", 150).expect("count"), 1);
        assert_eq!(acc.login_failures("ip:10.0.0.1", 0).expect("count"), 2);
        // A later failure forgets those before its window: the table does not grow for good.
        acc.record_login_failure(&keys[..1], 1_000, 150)
            .expect("record");
        let rows: i64 = acc
            .conn()
            .query_row("SELECT count(*) FROM login_failures", [], |r| r.get(0))
            .expect("rows");
        assert_eq!(rows, 3);
        acc.clear_login_failures("user:rita").expect("clear");
        assert_eq!(acc.login_failures("user:rita", 0).expect("count"), 0);
        assert_eq!(acc.login_failures("ip:10.0.0.1", 0).expect("count"), 1);
        // Reopening keeps them.
        drop(acc);
        let acc = Accounts::open(dir.path()).expect("reopen");
        assert_eq!(acc.login_failures("ip:10.0.0.1", 0).expect("count"), 1);
    }

    #[test]
    fn passwords_verify_and_wrong_ones_do_not() {
        let dir = tempfile::tempdir().expect("tempdir");
        let acc = Accounts::open(dir.path()).expect("open");
        acc.add_user("alice", Role::Reviewer, "correct horse battery")
            .expect("add");
        assert!(
            acc.verify("alice", "correct horse battery")
                .expect("verify")
                .is_some()
        );
        assert!(
            acc.verify("alice", "wrong password!")
                .expect("verify")
                .is_none()
        );
        assert!(
            acc.verify("bob", "correct horse battery")
                .expect("verify")
                .is_none()
        );
        let err = acc
            .add_user("alice", Role::Viewer, "another password")
            .expect_err("duplicate");
        assert!(matches!(err, AccountError::Conflict(_)));
        assert!(matches!(
            acc.add_user("bob", Role::Viewer, "short"),
            Err(AccountError::Invalid(_))
        ));
    }

    #[test]
    fn sessions_and_tokens_are_stored_hashed_and_revocable() {
        let dir = tempfile::tempdir().expect("tempdir");
        let acc = Accounts::open(dir.path()).expect("open");
        let user = acc
            .add_user("alice", Role::Admin, "correct horse battery")
            .expect("add");
        let (id, session) = acc.create_session(&user, 60).expect("session");
        assert_eq!(acc.session(&id).expect("read"), Some(session));
        acc.end_session(&id).expect("end");
        assert_eq!(acc.session(&id).expect("read"), None);

        let secret = acc
            .add_token("oa-system", TokenScope::Write)
            .expect("token");
        let stored: String = acc
            .conn()
            .query_row("SELECT hash FROM tokens", [], |r| r.get(0))
            .expect("hash");
        assert_ne!(stored, secret);
        assert_eq!(
            acc.token(&secret).expect("token").map(|t| t.scope),
            Some(TokenScope::Write)
        );
        acc.revoke_token("oa-system").expect("revoke");
        assert_eq!(acc.token(&secret).expect("token"), None);
    }
}
