//! Integration tests of dyad-server: a real server on 127.0.0.1:0 against a real
//! SQLite file filled through the store's ingest path (`Store::add_document`).
mod api;
mod fixture;
mod http;
mod ingest;
mod openapi;
mod pages;
