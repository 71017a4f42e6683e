-- dyad event store, schema version 1.
-- Documents are the articles read; events are deduplicated the way GDELT's Events
-- table is (one row per day, source actor, target actor and event code); mentions
-- are every report of an event (GDELT's Mentions table), each with its evidence.

CREATE TABLE documents (
    id            INTEGER PRIMARY KEY,
    doc_key       TEXT NOT NULL UNIQUE,      -- caller's id, else the URL
    url           TEXT,
    canonical_url TEXT,
    title         TEXT,
    published     TEXT,                      -- ISO day (YYYY-MM-DD) or NULL
    source_name   TEXT,                      -- host or feed name: counts NumSources
    content_hash  TEXT NOT NULL,             -- hash of normalised text: syndicated copies share it
    text          TEXT NOT NULL,             -- cleaned text the offsets point into
    ingested_at   TEXT NOT NULL
);
CREATE INDEX documents_hash ON documents(content_hash);

CREATE TABLE events (
    id             INTEGER PRIMARY KEY,
    day            TEXT NOT NULL,            -- YYYY-MM-DD the event happened
    source_code    TEXT NOT NULL,            -- full CAMEO actor code, e.g. RUSGOV
    source_root    TEXT NOT NULL,            -- country else known group, e.g. RUS, NAT
    source_country TEXT,
    source_group   TEXT,
    source_role    TEXT,
    source_name    TEXT NOT NULL,
    target_code    TEXT NOT NULL,
    target_root    TEXT NOT NULL,
    target_country TEXT,
    target_group   TEXT,
    target_role    TEXT,
    target_name    TEXT NOT NULL,
    event_code     TEXT NOT NULL,
    base_code      TEXT NOT NULL,
    root_code      TEXT NOT NULL,
    quad_class     INTEGER NOT NULL,
    goldstein      REAL NOT NULL,
    is_root_event  INTEGER NOT NULL DEFAULT 0,
    num_mentions   INTEGER NOT NULL DEFAULT 0,
    num_sources    INTEGER NOT NULL DEFAULT 0,
    num_articles   INTEGER NOT NULL DEFAULT 0,
    first_seen     TEXT NOT NULL,            -- ingest time of the first report
    last_seen      TEXT NOT NULL,            -- ingest time of the latest report
    UNIQUE (day, source_code, target_code, event_code)
);
CREATE INDEX events_pair_day ON events(source_root, target_root, day);
CREATE INDEX events_target_day ON events(target_root, day);
CREATE INDEX events_day ON events(day);
CREATE INDEX events_code ON events(event_code, day);

CREATE TABLE mentions (
    id             INTEGER PRIMARY KEY,
    event_id       INTEGER NOT NULL REFERENCES events(id),
    document_id    INTEGER NOT NULL REFERENCES documents(id),
    sentence_index INTEGER NOT NULL,
    sentence       TEXT NOT NULL,
    start          INTEGER NOT NULL,         -- character offsets into documents.text
    "end"          INTEGER NOT NULL,
    trigger        TEXT NOT NULL,
    trigger_start  INTEGER NOT NULL,
    trigger_end    INTEGER NOT NULL,
    source_text    TEXT NOT NULL,
    target_text    TEXT NOT NULL,
    confidence     REAL NOT NULL,
    UNIQUE (event_id, document_id, sentence_index, trigger_start)
);
CREATE INDEX mentions_event ON mentions(event_id);
CREATE INDEX mentions_document ON mentions(document_id);
