ALTER TABLE inbox ADD COLUMN reply TEXT;
ALTER TABLE inbox ADD COLUMN parts_sent INTEGER NOT NULL DEFAULT 0 CHECK (parts_sent >= 0);
-- Answered rows kept before version 4 still named their sender; from now on they do not.
UPDATE inbox SET chat_id = 0, user_id = 0 WHERE answered_at IS NOT NULL;
