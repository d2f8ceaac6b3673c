-- Ingestion: connections, their syncs with per-stream figures, and sync logs.
-- Written in the SQL that H2 (with DATABASE_TO_LOWER) and PostgreSQL both accept.

CREATE TABLE dp_connection (
  name VARCHAR(128) PRIMARY KEY,
  source_type VARCHAR(64) NOT NULL,
  definition VARCHAR NOT NULL,
  created_at TIMESTAMP WITH TIME ZONE NOT NULL,
  updated_at TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE TABLE dp_sync (
  id VARCHAR(64) PRIMARY KEY,
  connection_name VARCHAR(128) NOT NULL,
  status VARCHAR(16) NOT NULL,
  started_at TIMESTAMP WITH TIME ZONE NOT NULL,
  ended_at TIMESTAMP WITH TIME ZONE,
  records_committed BIGINT NOT NULL,
  bytes_committed BIGINT NOT NULL,
  error_message VARCHAR
);

CREATE INDEX dp_sync_connection ON dp_sync (connection_name, started_at);

CREATE TABLE dp_sync_stream (
  sync_id VARCHAR(64) NOT NULL,
  stream VARCHAR(512) NOT NULL,
  table_name VARCHAR(512) NOT NULL,
  status VARCHAR(16) NOT NULL,
  records_read BIGINT NOT NULL,
  records_committed BIGINT NOT NULL,
  bytes_committed BIGINT NOT NULL,
  commits INTEGER NOT NULL,
  error_message VARCHAR,
  PRIMARY KEY (sync_id, stream)
);

CREATE TABLE dp_sync_log (
  sync_id VARCHAR(64) NOT NULL,
  line_number INTEGER NOT NULL,
  line VARCHAR NOT NULL,
  PRIMARY KEY (sync_id, line_number)
);
