-- An account's sessions, most recently used first, read a page at a time (the account page lists
-- ten and counts the rest): the index in the list's order, for H2, which walks an index forwards
-- only (see V7). An account signed in thousands of times (a shared test identity, a script) no
-- longer costs a sort of all its sessions per view.
CREATE INDEX ix_session_record_recent ON session_record (account_id, last_seen_at DESC, id);
