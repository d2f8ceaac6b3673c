-- Transform (dbt) runs, each node's result, and the model dependency graph of each project.
-- Written in the SQL that H2 (with DATABASE_TO_LOWER) and PostgreSQL both accept.

CREATE TABLE transform_run (
  id VARCHAR(64) PRIMARY KEY,
  project_name VARCHAR(256) NOT NULL,
  project_path VARCHAR(2048) NOT NULL,
  command VARCHAR(32) NOT NULL,
  username VARCHAR(128) NOT NULL,
  status VARCHAR(16) NOT NULL,
  started_at TIMESTAMP WITH TIME ZONE NOT NULL,
  completed_at TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE INDEX transform_run_started ON transform_run (started_at);

CREATE TABLE transform_node_result (
  run_id VARCHAR(64) NOT NULL REFERENCES transform_run (id),
  unique_id VARCHAR(512) NOT NULL,
  status VARCHAR(16) NOT NULL,
  message VARCHAR NOT NULL,
  failures BIGINT NOT NULL,
  relation_name VARCHAR(512) NOT NULL,
  compiled_sql VARCHAR NOT NULL,
  started_at TIMESTAMP WITH TIME ZONE NOT NULL,
  completed_at TIMESTAMP WITH TIME ZONE NOT NULL,
  PRIMARY KEY (run_id, unique_id)
);

CREATE TABLE transform_dependency (
  project_name VARCHAR(256) NOT NULL,
  unique_id VARCHAR(512) NOT NULL,
  depends_on VARCHAR(512) NOT NULL,
  PRIMARY KEY (project_name, unique_id, depends_on)
);
