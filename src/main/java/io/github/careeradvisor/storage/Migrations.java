package io.github.careeradvisor.storage;

import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationVersion;

/**
 * The schema's versioned migrations, run by Flyway from {@code db/migration/sqlite} and
 * {@code db/migration/postgresql} (one folder per dialect, versions numbered alike), the history kept in
 * {@value #HISTORY}. A SQLite file from before Flyway kept its version in {@code PRAGMA user_version}:
 * it is baselined at that version and migrated on from there, nothing in it touched but by the newer
 * migrations.
 */
public final class Migrations {

    /** The newest version of the schema this program knows; a test holds it to the migration files. */
    public static final int LATEST = 9;
    static final String HISTORY = "schema_history";

    private Migrations() {
    }

    /**
     * Brings the schema of {@code source} to {@link #LATEST}. {@code baseline} is the version a database
     * from before Flyway is at (0 for none); a schema newer than this program is refused.
     */
    static void migrate(DataSource source, Dialect dialect, int baseline) {
        Flyway flyway = Flyway.configure(Migrations.class.getClassLoader())
                .dataSource(source)
                .locations("classpath:db/migration/" + dialect.name().toLowerCase(java.util.Locale.ROOT))
                .table(HISTORY)
                .baselineOnMigrate(baseline > 0)
                .baselineVersion(MigrationVersion.fromVersion(Integer.toString(Math.max(baseline, 1))))
                .baselineDescription("schema versioned by PRAGMA user_version")
                .load();
        flyway.migrate();
    }
}
