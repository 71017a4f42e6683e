//! Integration tests of dyad-ingest: one test binary, one module per subject.
mod files;
mod http;
mod parsers;
mod server;
mod warc;
