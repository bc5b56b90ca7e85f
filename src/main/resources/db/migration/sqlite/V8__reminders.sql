CREATE TABLE reminders (
  user_id INTEGER PRIMARY KEY,
  chat_id INTEGER NOT NULL,
  weekday INTEGER NOT NULL CHECK (weekday BETWEEN 1 AND 7),
  minute_of_day INTEGER NOT NULL CHECK (minute_of_day BETWEEN 0 AND 1439),
  offset_minutes INTEGER NOT NULL CHECK (offset_minutes BETWEEN -720 AND 840),
  next_at_ms INTEGER NOT NULL);
CREATE INDEX reminders_due ON reminders (next_at_ms);
