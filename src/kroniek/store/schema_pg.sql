-- kroniek event store: the public schema (PostgreSQL dialect; schema.sql is the same for SQLite).
-- Documents are keyed by the SHA-256 of their text, so re-ingesting is a no-op.
-- Every event row records the pipeline version that made it.

CREATE TABLE IF NOT EXISTS meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

CREATE TABLE IF NOT EXISTS documents (
    content_hash  TEXT PRIMARY KEY,          -- sha256 of the text, hex
    doc_id        TEXT NOT NULL,             -- the input's id or a content hash prefix
    title         TEXT,
    url           TEXT,
    source        TEXT,
    lang          TEXT,
    pub_date      TEXT,                      -- ISO, as precise as the input gave it
    pub_precision TEXT,
    origin        TEXT,                      -- file (and line) it was read from
    reader_spans  TEXT,                      -- JSON {layer: [[start, end, label], ...]}: captions, headlines
    text          TEXT NOT NULL,
    pipeline_version TEXT NOT NULL,
    ingested_at   TEXT NOT NULL DEFAULT to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')
);
CREATE INDEX IF NOT EXISTS documents_doc_id ON documents(doc_id);
CREATE INDEX IF NOT EXISTS documents_source ON documents(source);

CREATE TABLE IF NOT EXISTS events (
    event_id        TEXT PRIMARY KEY,
    content_hash    TEXT NOT NULL REFERENCES documents(content_hash) ON DELETE CASCADE,
    doc_id          TEXT NOT NULL,
    type            TEXT NOT NULL,           -- PLOVER
    mode            TEXT,
    acled_event_type     TEXT,
    acled_sub_event_type TEXT,
    date_start      TEXT,
    date_end        TEXT,
    date_precision  TEXT,
    location_name   TEXT,
    geonameid       INTEGER,
    lat             DOUBLE PRECISION,
    lon             DOUBLE PRECISION,
    country         TEXT,                    -- ISO alpha-3 of the location
    admin1          TEXT,
    geo_precision   TEXT,
    fatalities_min  INTEGER,
    fatalities_max  INTEGER,
    injured_min     INTEGER,
    claimant        TEXT,
    verified        INTEGER,                 -- 1, 0 or NULL
    modality        TEXT NOT NULL,
    negated         INTEGER NOT NULL,
    evidence_start  INTEGER NOT NULL,
    evidence_end    INTEGER NOT NULL,
    cluster_id      TEXT,
    record          TEXT NOT NULL,           -- the full output-contract record, JSON
    pipeline_version TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS events_type ON events(type);
CREATE INDEX IF NOT EXISTS events_date ON events(date_start);
CREATE INDEX IF NOT EXISTS events_country ON events(country);
CREATE INDEX IF NOT EXISTS events_latlon ON events(lat, lon);
CREATE INDEX IF NOT EXISTS events_doc ON events(content_hash);
CREATE INDEX IF NOT EXISTS events_cluster ON events(cluster_id);

CREATE TABLE IF NOT EXISTS event_actors (
    event_id  TEXT NOT NULL REFERENCES events(event_id) ON DELETE CASCADE,
    role      TEXT NOT NULL,                 -- actor | recipient
    text      TEXT NOT NULL,
    name      TEXT,
    actor_id  TEXT,
    country   TEXT,
    sector    TEXT
);
CREATE INDEX IF NOT EXISTS event_actors_event ON event_actors(event_id);
CREATE INDEX IF NOT EXISTS event_actors_name ON event_actors(name);
CREATE INDEX IF NOT EXISTS event_actors_country ON event_actors(country);

-- Reports of one happening across articles, with a consolidated record.
CREATE TABLE IF NOT EXISTS clusters (
    cluster_id      TEXT PRIMARY KEY,
    type            TEXT NOT NULL,
    date_start      TEXT,
    date_end        TEXT,
    location_name   TEXT,
    lat             DOUBLE PRECISION,
    lon             DOUBLE PRECISION,
    country         TEXT,
    fatalities_min  INTEGER,                 -- conservative: the lowest reported figure
    fatalities_disputed TEXT,                -- JSON [{min, max, claimant, event_id}] when reports differ
    n_mentions      INTEGER NOT NULL,
    n_sources       INTEGER NOT NULL
);

-- Accent-insensitive full-text search over article titles and text.
CREATE EXTENSION IF NOT EXISTS unaccent;
ALTER TABLE documents ADD COLUMN IF NOT EXISTS fts tsvector;
CREATE INDEX IF NOT EXISTS documents_fts ON documents USING gin(fts);
CREATE OR REPLACE FUNCTION kroniek_documents_fts() RETURNS trigger AS $$
BEGIN
    NEW.fts := to_tsvector('simple', unaccent(coalesce(NEW.title, '') || ' ' || NEW.text));
    RETURN NEW;
END
$$ LANGUAGE plpgsql;
DROP TRIGGER IF EXISTS documents_fts_update ON documents;
CREATE TRIGGER documents_fts_update BEFORE INSERT OR UPDATE OF title, text ON documents
    FOR EACH ROW EXECUTE FUNCTION kroniek_documents_fts();
