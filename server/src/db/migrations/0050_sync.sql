-- Admin configuration (B1, B4, B5, B6) and sync engine state (C2, C3, B9): servers,
-- mailbox accounts, sync rules, batch settings, pairs, folder sync states, CRM journal
-- cursors per rule x mailbox, pending retries, runs, sync log and mailbox status.
-- Secrets are stored only sealed (auth_secret_sealed); rule bodies are validated on read.
CREATE TABLE IF NOT EXISTS exchange_servers (
  id text PRIMARY KEY,
  name text NOT NULL,
  description text NOT NULL DEFAULT '',
  type text NOT NULL,
  ews_url text NOT NULL,
  graph_endpoint text,
  version text NOT NULL,
  alternative_login_name text,
  auth jsonb NOT NULL,
  auth_secret_sealed text,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL
);
CREATE TABLE IF NOT EXISTS mailbox_accounts (
  id text PRIMARY KEY,
  user_id text NOT NULL,
  mailbox text NOT NULL UNIQUE,
  server_id text NOT NULL REFERENCES exchange_servers(id),
  active boolean NOT NULL,
  auth_failure_policy jsonb,
  auth_override jsonb,
  auth_override_secret_sealed text,
  deactivated_reason text,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL
);
CREATE TABLE IF NOT EXISTS sync_rules (
  id text PRIMARY KEY,
  body jsonb NOT NULL,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL
);
CREATE TABLE IF NOT EXISTS sync_batch_settings (
  id integer PRIMARY KEY CHECK (id = 1),
  body jsonb NOT NULL,
  last_run_at timestamptz,
  next_run_at timestamptz,
  running boolean NOT NULL DEFAULT false
);
CREATE TABLE IF NOT EXISTS sync_pairs (
  account_id text NOT NULL REFERENCES mailbox_accounts(id) ON DELETE CASCADE,
  data_type text NOT NULL,
  crm_id text NOT NULL,
  item_id text,
  change_key text,
  folder_id text NOT NULL,
  rule_id text NOT NULL,
  crm_snapshot jsonb,
  exchange_snapshot jsonb,
  synced_at timestamptz NOT NULL,
  PRIMARY KEY (account_id, data_type, crm_id)
);
CREATE UNIQUE INDEX IF NOT EXISTS sync_pairs_by_item ON sync_pairs (account_id, item_id) WHERE item_id IS NOT NULL;
CREATE TABLE IF NOT EXISTS sync_folder_states (
  account_id text NOT NULL REFERENCES mailbox_accounts(id) ON DELETE CASCADE,
  folder_id text NOT NULL,
  rule_id text NOT NULL,
  cursor text,
  initial_done boolean NOT NULL,
  PRIMARY KEY (account_id, folder_id)
);
CREATE TABLE IF NOT EXISTS sync_journal_cursors (
  account_id text NOT NULL REFERENCES mailbox_accounts(id) ON DELETE CASCADE,
  rule_id text NOT NULL,
  seq bigint NOT NULL,
  PRIMARY KEY (account_id, rule_id)
);
CREATE TABLE IF NOT EXISTS sync_pending (
  account_id text NOT NULL REFERENCES mailbox_accounts(id) ON DELETE CASCADE,
  rule_id text NOT NULL,
  crm_id text NOT NULL,
  PRIMARY KEY (account_id, rule_id, crm_id)
);
CREATE TABLE IF NOT EXISTS sync_runs (
  id text PRIMARY KEY,
  account_id text NOT NULL,
  started_at timestamptz NOT NULL,
  finished_at timestamptz,
  counts jsonb,
  error text
);
CREATE INDEX IF NOT EXISTS sync_runs_by_account ON sync_runs (account_id, started_at DESC);
CREATE TABLE IF NOT EXISTS sync_log (
  id bigserial PRIMARY KEY,
  run_id text NOT NULL REFERENCES sync_runs(id) ON DELETE CASCADE,
  account_id text NOT NULL,
  at timestamptz NOT NULL,
  side text NOT NULL,
  action text NOT NULL,
  data_type text,
  crm_id text,
  item_id text,
  detail jsonb NOT NULL
);
CREATE INDEX IF NOT EXISTS sync_log_by_run ON sync_log (run_id);
CREATE TABLE IF NOT EXISTS mailbox_status (
  account_id text PRIMARY KEY,
  last_run_at timestamptz,
  last_success_at timestamptz,
  last_error text,
  last_error_kind text,
  next_attempt_at timestamptz,
  auth_failures integer NOT NULL DEFAULT 0,
  consecutive_failures integer NOT NULL DEFAULT 0,
  alert boolean NOT NULL DEFAULT false,
  counts jsonb NOT NULL
);
