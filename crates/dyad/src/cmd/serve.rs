//! `dyad serve`: the dashboard and the JSON API over an event database.
use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::{Arc, Mutex};

use anyhow::Context;
use dyad_coder::Coder;
use dyad_core::Document;
use dyad_server::{Ingest, IngestReport, Server, ServerConfig};
use dyad_store::{AddOutcome, NewDocument, Store};

/// Arguments of `dyad serve`.
#[derive(Debug, clap::Args)]
pub struct ServeArgs {
    /// The event database to serve (opened read-only, except for POST /api/ingest).
    #[arg(long, value_name = "FILE")]
    pub db: PathBuf,
    /// Address to listen on. Port 0 picks a free port; the address is printed.
    #[arg(long, value_name = "ADDR:PORT", default_value = "127.0.0.1:8080")]
    pub bind: SocketAddr,
    /// Turns on POST /api/ingest, which then needs `Authorization: Bearer TOKEN`.
    #[arg(
        long,
        value_name = "TOKEN",
        env = "DYAD_INGEST_TOKEN",
        hide_env_values = true
    )]
    pub ingest_token: Option<String>,
}

/// Codes documents with the built-in dictionaries and stores them.
struct CodeAndStore {
    coder: Coder,
    store: Mutex<Store>,
}

impl Ingest for CodeAndStore {
    fn ingest(&self, docs: &[Document]) -> Result<IngestReport, String> {
        let mut report = IngestReport::default();
        let mut store = self
            .store
            .lock()
            .map_err(|_| "the store lock is poisoned".to_string())?;
        for doc in docs {
            let coded = self.coder.code(doc);
            let new = NewDocument {
                key: doc.id.clone(),
                url: doc.url.clone(),
                title: doc.title.clone(),
                published: doc.date,
                text: coded.clean_text,
                ..Default::default()
            };
            match store
                .add_document(&new, &coded.events)
                .map_err(|e| format!("document {:?}: {e}", doc.id))?
            {
                AddOutcome::Inserted { .. } => {
                    report.documents += 1;
                    report.events += coded.events.len();
                }
                AddOutcome::Duplicate { .. } => report.duplicates += 1,
            }
        }
        Ok(report)
    }
}

/// Runs `dyad serve` until interrupted.
pub fn run(args: ServeArgs) -> anyhow::Result<ExitCode> {
    let ingest_token = args.ingest_token.filter(|t| !t.trim().is_empty());
    let ingestor: Option<Arc<dyn Ingest>> = match &ingest_token {
        None => None,
        Some(_) => {
            let store = Store::open(&args.db)
                .with_context(|| format!("opening {} for ingest", args.db.display()))?;
            Some(Arc::new(CodeAndStore {
                coder: Coder::builtin(),
                store: Mutex::new(store),
            }))
        }
    };
    let config = ServerConfig {
        db: args.db,
        bind: args.bind,
        ingest_token,
        ingestor,
    };
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .context("starting tokio")?;
    runtime.block_on(async move {
        let server = Server::bind(config).await?;
        // Tests and scripts read this line for the real port when --bind used port 0.
        println!("dyad serve: listening on http://{}", server.local_addr());
        server
            .run(async {
                let _ = tokio::signal::ctrl_c().await;
            })
            .await?;
        Ok::<_, anyhow::Error>(())
    })?;
    Ok(ExitCode::SUCCESS)
}
