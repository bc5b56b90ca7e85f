-- SQLite: the profiles and each person's progress through the roadmap.
CREATE TABLE profiles (
  user_id INTEGER PRIMARY KEY,
  level TEXT CHECK (level IN ('new-to-tech','student','career-switcher','junior','mid','senior')),
  cloud TEXT CHECK (cloud IN ('aws','gcp','azure','none')),
  goal TEXT CHECK (length(goal) <= 200),
  hours_per_week INTEGER CHECK (hours_per_week BETWEEN 1 AND 80),
  updated_at TEXT NOT NULL);

CREATE TABLE topic_progress (
  user_id INTEGER NOT NULL,
  topic_id TEXT NOT NULL CHECK (length(topic_id) BETWEEN 1 AND 40),
  status TEXT NOT NULL CHECK (status IN ('done','learning','skipped')),
  updated_at TEXT NOT NULL,
  PRIMARY KEY (user_id, topic_id));
