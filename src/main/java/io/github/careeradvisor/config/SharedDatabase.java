package io.github.careeradvisor.config;

import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The PostgreSQL database several replicas share (README, "Run at scale"): its JDBC URL and credentials.
 * The password never appears in {@link #toString()}, nor in {@link #safeUrl()}, the URL as messages show it.
 */
public record SharedDatabase(String url, @Nullable String user, @Nullable String password) {

    /** A password written into the URL itself: {@code password=…} or {@code //user:…@}. */
    private static final Pattern URL_PASSWORD = Pattern.compile("(?i)(password=)[^&;]*|(//[^/:@]+:)[^/@]*@");

    /** The URL with any password in it replaced by {@code ***}: what error messages and logs show. */
    public String safeUrl() {
        return mask(url);
    }

    /** {@code url} with any password in it replaced by {@code ***}. */
    public static String mask(String url) {
        return URL_PASSWORD.matcher(url).replaceAll(m -> m.group(1) != null ? m.group(1) + "***" : m.group(2) + "***@");
    }

    @Override
    public String toString() {
        return "SharedDatabase[url=" + safeUrl() + ", user=" + (user == null ? "unset" : user) + ", password="
                + (password == null ? "unset" : "set") + "]";
    }
}
