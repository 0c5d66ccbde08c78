-- When each folder's cursor was last saved: items the engine wrote after that moment must
-- come back as changes in the next sync; one that was created and deleted in between is
-- never reported by SyncFolderItems and is looked up instead.
ALTER TABLE sync_folder_states ADD COLUMN synced_at timestamptz;
CREATE INDEX IF NOT EXISTS sync_pairs_by_folder ON sync_pairs (account_id, folder_id, synced_at);
