package io.github.careeradvisor.storage;

import io.github.careeradvisor.config.Settings;

/** Opens the database the settings name: PostgreSQL when {@code ADVISOR_DATABASE_URL} is set, else the data dir's SQLite file. */
public final class Databases {

    private Databases() {
    }

    public static Database open(Settings settings) {
        return settings.databaseIfSet().<Database>map(PostgresDatabase::open)
                .orElseGet(() -> SqliteDatabase.open(settings.dataDir()));
    }
}
