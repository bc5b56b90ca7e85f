-- The bot's inbox of Telegram updates and its offset.
CREATE TABLE inbox (
  update_id INTEGER PRIMARY KEY,
  chat_id INTEGER NOT NULL,
  user_id INTEGER NOT NULL,
  payload TEXT NOT NULL,
  received_at TEXT NOT NULL,
  answered_at TEXT);
CREATE INDEX inbox_unanswered ON inbox (answered_at, update_id);
CREATE INDEX inbox_user ON inbox (user_id);
CREATE TABLE bot_state (key TEXT PRIMARY KEY, value TEXT NOT NULL);
