package io.github.careeradvisor.cli;

import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** Parses the arguments of {@code java -jar career-advisor.jar} as the README's "Commands" section describes them. */
public final class CommandLine {

    private CommandLine() {
    }

    public static Invocation parse(String[] args) throws UsageException {
        if (args.length == 0) {
            return new Invocation(null, null, false, null, List.of());
        }
        String first = args[0];
        if (first.equals("--help") || first.equals("-h") || first.equals("help")) {
            return new Invocation(null, Usage.MAIN, false, null, List.of());
        }
        Invocation.Command command = switch (first) {
            case "bot" -> Invocation.Command.BOT;
            case "chat" -> Invocation.Command.CHAT;
            case "ask" -> Invocation.Command.ASK;
            case "index" -> Invocation.Command.INDEX;
            case "report" -> Invocation.Command.REPORT;
            case "chart" -> Invocation.Command.CHART;
            case "migrate-sqlite-to-postgres" -> Invocation.Command.MIGRATE;
            default -> throw new UsageException(first.startsWith("-")
                    ? "unknown option '" + first + "'" : "unknown command '" + first + "'", Usage.MAIN);
        };
        String usage = Usage.of(command);
        if (command == Invocation.Command.CHART) {
            return ChartArguments.parse(args, usage);
        }
        boolean json = false;
        boolean replace = false;
        Long user = null;
        int days = io.github.careeradvisor.advisor.OperatorReport.DEFAULT_DAYS;
        List<String> words = new ArrayList<>();
        boolean optionsEnded = false;
        for (int i = 1; i < args.length; i++) {
            String arg = args[i];
            if (optionsEnded || !arg.startsWith("-") || arg.equals("-")) {
                if (command != Invocation.Command.ASK) {
                    throw new UsageException("'" + first + "' takes no arguments, got '" + arg + "'", usage);
                }
                words.add(arg);
                continue;
            }
            switch (arg) {
                case "--" -> optionsEnded = true;
                case "--help", "-h" -> {
                    return new Invocation(command, usage, false, null, List.of());
                }
                case "--json" -> {
                    if (command != Invocation.Command.REPORT) {
                        json = requireAsk(command, first, arg, usage, true);
                    } else {
                        json = true;
                    }
                }
                case "--replace" -> {
                    if (command != Invocation.Command.MIGRATE) {
                        throw new UsageException("unknown option '" + arg + "' for '" + first + "'", usage);
                    }
                    replace = true;
                }
                case "--days" -> {
                    if (command != Invocation.Command.REPORT) {
                        throw new UsageException("unknown option '" + arg + "' for '" + first + "'", usage);
                    }
                    if (i + 1 >= args.length) {
                        throw new UsageException("--days needs a number of days, e.g. --days 7", usage);
                    }
                    days = days(args[++i], usage);
                }
                case "--user" -> {
                    if (command != Invocation.Command.ASK && command != Invocation.Command.CHAT) {
                        throw new UsageException("unknown option '" + arg + "' for '" + first + "'", usage);
                    }
                    if (i + 1 >= args.length) {
                        throw new UsageException("--user needs a user id, e.g. --user 42", usage);
                    }
                    user = userId(args[++i], usage);
                }
                default -> {
                    if (arg.startsWith("--user=")) {
                        user = userId(arg.substring("--user=".length()), usage);
                    } else if (arg.startsWith("--days=") && command == Invocation.Command.REPORT) {
                        days = days(arg.substring("--days=".length()), usage);
                    } else {
                        throw new UsageException("unknown option '" + arg + "' for '" + first + "'", usage);
                    }
                }
            }
        }
        return new Invocation(command, null, json, user, words, days, null, replace);
    }

    private static int days(@Nullable String value, String usage) throws UsageException {
        try {
            int days = Integer.parseInt(value == null ? "" : value.strip());
            if (days >= 1 && days <= Invocation.MAX_DAYS) {
                return days;
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw new UsageException("--days '" + value + "' is not a number of days from 1 to " + Invocation.MAX_DAYS
                + " (e.g. --days 7)", usage);
    }

    /** {@code name} is the command as typed: {@code migrate-sqlite-to-postgres} is not its enum's name. */
    private static boolean requireAsk(Invocation.Command command, String name, String arg, String usage, boolean value)
            throws UsageException {
        if (command != Invocation.Command.ASK) {
            throw new UsageException("unknown option '" + arg + "' for '" + name + "'", usage);
        }
        return value;
    }

    static long userId(@Nullable String value, String usage) throws UsageException {
        try {
            return Long.parseLong(value == null ? "" : value.strip());
        } catch (NumberFormatException e) {
            throw new UsageException("--user '" + value + "' is not a user id (expected a number, e.g. --user 42)", usage);
        }
    }
}
