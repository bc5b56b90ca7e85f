-- Replicas sharing one database take an update by claiming it for a while (a lease), and book the times
-- they send at, so a chat's and the bot's send limits hold whichever replica sends (README, "Run at scale").
-- One process on a SQLite file needs none of it; the tables are there so both have one schema.
ALTER TABLE inbox ADD COLUMN claimed_by TEXT;
ALTER TABLE inbox ADD COLUMN lease_until_ms INTEGER;
CREATE INDEX inbox_chat_waiting ON inbox (chat_id, update_id) WHERE answered_at IS NULL;
CREATE TABLE send_slots (
  chat_id INTEGER PRIMARY KEY,
  next_at_ms INTEGER NOT NULL);
-- The questions each person asked in the last minute, so the limit on questions a minute holds across
-- replicas: times only, kept a minute or two.
CREATE TABLE question_times (
  user_id INTEGER NOT NULL,
  at_ms INTEGER NOT NULL);
CREATE INDEX question_times_user ON question_times (user_id, at_ms);
CREATE TABLE question_windows (
  user_id INTEGER PRIMARY KEY,
  noticed INTEGER NOT NULL CHECK (noticed IN (0, 1)));
