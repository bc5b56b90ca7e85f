CREATE TABLE dialogue (
  user_id INTEGER NOT NULL,
  chat_id INTEGER NOT NULL,
  seq INTEGER NOT NULL,
  at_ms INTEGER NOT NULL,
  turn TEXT NOT NULL,
  PRIMARY KEY (user_id, chat_id, seq));
CREATE INDEX dialogue_age ON dialogue (at_ms);
