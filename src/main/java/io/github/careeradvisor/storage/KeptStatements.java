package io.github.careeradvisor.storage;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The SQLite connection as the stores see it, with its prepared statements kept open: SQLite parses
 * and plans a statement's text at every {@code prepareStatement}, which cost about a third of a turn's
 * time in SQLite, and the stores run the same few dozen texts over and over. A statement the stores
 * close is reset (its rows closed, its parameters cleared) and kept for the next
 * {@code prepareStatement} of the same text; one still open when the same text is prepared again (a
 * query run inside another's loop) gets a statement of its own, closed as usual. The least recently used of
 * more than {@value #KEPT} texts is closed. Not thread-safe: {@link SqliteDatabase} lets one call at a time
 * use the connection.
 */
final class KeptStatements implements AutoCloseable {

    static final int KEPT = 64;

    private final Connection real;
    private final Connection connection;
    private final Map<String, Kept> kept = new LinkedHashMap<>(KEPT * 2, 0.75f, true);

    KeptStatements(Connection real) {
        this.real = real;
        this.connection = (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(),
                new Class<?>[] {Connection.class}, this::onConnection);
    }

    /** The connection to hand to the stores: statements they prepare with one argument are kept. */
    Connection connection() {
        return connection;
    }

    /** How many statements are kept open now. */
    int size() {
        return kept.size();
    }

    private @Nullable Object onConnection(Object proxy, Method method, Object @Nullable [] args) throws Throwable {
        if (method.getName().equals("prepareStatement") && args != null && args.length == 1) {
            return prepare((String) args[0]);
        }
        Object own = identity(proxy, method, args, "kept statements of ", real);
        return own != null ? own : call(real, method, args);
    }

    private PreparedStatement prepare(String sql) throws SQLException {
        Kept k = kept.get(sql);
        if (k != null && k.inUse) {
            return real.prepareStatement(sql); // the same text, still open further up: one of its own
        }
        if (k == null) {
            k = new Kept(real.prepareStatement(sql));
            k.inUse = true;
            kept.put(sql, k);
            evict();
        }
        k.inUse = true;
        return k.proxy;
    }

    private void evict() {
        if (kept.size() <= KEPT) {
            return;
        }
        var eldest = kept.entrySet().iterator();
        while (kept.size() > KEPT && eldest.hasNext()) {
            Kept k = eldest.next().getValue();
            if (!k.inUse) {
                eldest.remove();
                closeQuietly(k.statement);
            }
        }
    }

    @Override
    public void close() {
        kept.values().forEach(k -> closeQuietly(k.statement));
        kept.clear();
    }

    private static void closeQuietly(PreparedStatement statement) {
        try {
            statement.close();
        } catch (SQLException ignored) {
            // closing the connection releases it anyway
        }
    }

    /** A proxy's equals, hashCode and toString, by its identity; null for any other method. */
    private static @Nullable Object identity(Object proxy, Method method, Object @Nullable [] args, String kind,
            Object target) {
        return switch (method.getName()) {
            case "equals" -> args != null && proxy == args[0];
            case "hashCode" -> System.identityHashCode(proxy);
            case "toString" -> kind + target;
            default -> null;
        };
    }

    private static @Nullable Object call(Object target, Method method, Object @Nullable [] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    /** A statement kept open, and the proxy the stores use, whose close resets it instead. */
    private final class Kept implements InvocationHandler {

        final PreparedStatement statement;
        final PreparedStatement proxy;
        /** Rows this use opened, closed when the statement is: a statement left mid-rows holds a read open. */
        final List<ResultSet> rows = new ArrayList<>(1);
        boolean inUse;

        Kept(PreparedStatement statement) {
            this.statement = statement;
            this.proxy = (PreparedStatement) Proxy.newProxyInstance(PreparedStatement.class.getClassLoader(),
                    new Class<?>[] {PreparedStatement.class}, this);
        }

        @Override
        public @Nullable Object invoke(Object p, Method method, Object @Nullable [] args) throws Throwable {
            switch (method.getName()) {
                case "close":
                    release();
                    return null;
                case "isClosed":
                    return !inUse || statement.isClosed();
                case "getConnection":
                    return connection;
                default:
                    break;
            }
            Object own = identity(p, method, args, "kept ", statement);
            if (own != null) {
                return own;
            }
            if (!inUse) {
                throw new SQLException("statement is closed");
            }
            Object result = call(statement, method, args);
            if (result instanceof ResultSet rs) {
                rows.add(rs);
            }
            return result;
        }

        private void release() throws SQLException {
            if (!inUse) {
                return;
            }
            inUse = false;
            try {
                for (ResultSet rs : rows) {
                    rs.close();
                }
                // Rows it made but nobody asked for (a query run with execute()) hold a read open too.
                ResultSet unasked = statement.getResultSet();
                if (unasked != null) {
                    unasked.close();
                }
                statement.clearParameters();
                statement.clearBatch();
            } catch (SQLException e) {
                kept.values().remove(this);
                closeQuietly(statement);
                throw e;
            } finally {
                rows.clear();
            }
        }
    }
}
