CREATE TABLE answers (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  user_id INTEGER NOT NULL,
  chat_id INTEGER NOT NULL,
  question TEXT NOT NULL,
  grounded INTEGER NOT NULL CHECK (grounded IN (0, 1)),
  at_ms INTEGER NOT NULL);
CREATE INDEX answers_age ON answers (at_ms);
CREATE INDEX answers_user ON answers (user_id);
CREATE TABLE votes (
  answer_id INTEGER NOT NULL,
  user_id INTEGER NOT NULL,
  chat_id INTEGER NOT NULL,
  helpful INTEGER NOT NULL CHECK (helpful IN (0, 1)),
  at_ms INTEGER NOT NULL,
  comment TEXT CHECK (length(comment) <= 1000),
  comment_asked INTEGER NOT NULL DEFAULT 0 CHECK (comment_asked IN (0, 1)),
  comment_wanted_at_ms INTEGER,
  PRIMARY KEY (answer_id, user_id));
CREATE INDEX votes_user ON votes (user_id);
