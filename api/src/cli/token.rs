//! `smarty token create|list|revoke`.

use crate::auth::token;
use crate::config::Config;
use smarty_schema::store::{Role, Store, StoreError, TokenRow};

#[derive(clap::Subcommand)]
pub enum TokenCommand {
    /// Create a token and print it once, on the last line
    Create {
        /// reader: read when public reads are off; editor: write records; admin: everything
        #[arg(long, value_parser = ["reader", "editor", "admin"])]
        role: String,
        /// A unique name for the token (who or what uses it)
        #[arg(long)]
        name: String,
    },
    /// List tokens (names and roles; tokens themselves are never stored)
    List,
    /// Revoke a token at once
    Revoke {
        /// The token's name
        name: String,
    },
}

pub fn run(cmd: TokenCommand, config: &Config) -> Result<(), String> {
    let store = Store::open(&config.database()?, 1).map_err(|e| e.to_string())?;
    match cmd {
        TokenCommand::Create { role, name } => {
            let role = Role::parse(&role).expect("clap checked the role");
            if name.trim().is_empty() || name.len() > 100 {
                return Err("the name must be 1 to 100 characters".into());
            }
            let secret = token::generate();
            let row = TokenRow {
                name: name.clone(),
                role: role.as_str().into(),
                token_hash: token::hash(&secret),
                created_at: smarty_schema::timestamp::now(),
            };
            store.create_token(&row).map_err(|e| match e {
                StoreError::AlreadyExists => format!("a token named {name:?} already exists"),
                other => other.to_string(),
            })?;
            println!("created {role} token {name:?}; it is shown only now:");
            println!("{secret}");
        }
        TokenCommand::List => {
            let rows = store.list_tokens().map_err(|e| e.to_string())?;
            println!("{:<32} {:<8} CREATED", "NAME", "ROLE");
            for r in rows {
                println!("{:<32} {:<8} {}", r.name, r.role, r.created_at);
            }
        }
        TokenCommand::Revoke { name } => {
            store.revoke_token(&name).map_err(|e| match e {
                StoreError::NotFound => format!("no token named {name:?}"),
                other => other.to_string(),
            })?;
            println!("revoked token {name:?}");
        }
    }
    Ok(())
}
