ALTER TABLE profiles ADD COLUMN background TEXT CHECK (length(background) <= 200);
ALTER TABLE profiles ADD COLUMN experience_years INTEGER CHECK (experience_years BETWEEN 0 AND 60);
