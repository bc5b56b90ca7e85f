-- Replicas sharing one database take an update by claiming it for a while (a lease), and book the times
-- they send at, so a chat's and the bot's send limits hold whichever replica sends (README, "Run at scale").
-- One process on a SQLite file uses the claims the same way.
ALTER TABLE inbox ADD COLUMN claimed_by TEXT;
ALTER TABLE inbox ADD COLUMN lease_until_ms BIGINT;
CREATE INDEX inbox_chat_waiting ON inbox (chat_id, update_id) WHERE answered_at IS NULL;
CREATE TABLE send_slots (
  chat_id BIGINT PRIMARY KEY,
  next_at_ms BIGINT NOT NULL);
