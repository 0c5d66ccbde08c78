-- B6 "which server node runs it": every sync run names the backend node that ran it, and
-- each node reports itself on every batch tick, so the console can offer the nodes that
-- exist (including idle ones that the batch settings currently leave out).
ALTER TABLE sync_runs ADD COLUMN IF NOT EXISTS node text;
CREATE TABLE IF NOT EXISTS sync_nodes (
  name text PRIMARY KEY,
  last_seen_at timestamptz NOT NULL
);
