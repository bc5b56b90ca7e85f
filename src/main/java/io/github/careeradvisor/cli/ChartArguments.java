package io.github.careeradvisor.cli;

import io.github.careeradvisor.profile.Level;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * The arguments of {@code chart}: {@code salary [--level LEVEL] --out FILE.png} or
 * {@code progress --user ID --out FILE.png}, each bad one named with the option it was given to.
 */
final class ChartArguments {

    private ChartArguments() {
    }

    static Invocation parse(String[] args, String usage) throws UsageException {
        if (args.length > 1 && (args[1].equals("--help") || args[1].equals("-h"))) {
            return new Invocation(Invocation.Command.CHART, usage, false, null, List.of());
        }
        if (args.length < 2 || args[1].startsWith("-")) {
            throw new UsageException("'chart' needs what to draw: salary or progress", usage);
        }
        Invocation.Picture picture = switch (args[1]) {
            case "salary" -> Invocation.Picture.SALARY;
            case "progress" -> Invocation.Picture.PROGRESS;
            default -> throw new UsageException("unknown chart '" + args[1] + "' (expected salary or progress)", usage);
        };
        String name = "chart " + args[1];
        Level level = null;
        Long user = null;
        Path out = null;
        for (int i = 2; i < args.length; i++) {
            String arg = args[i];
            String option = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
            if (option.equals("--help") || option.equals("-h")) {
                return new Invocation(Invocation.Command.CHART, usage, false, null, List.of());
            }
            if (!List.of("--level", "--user", "--out").contains(option)
                    || option.equals("--level") && picture != Invocation.Picture.SALARY
                    || option.equals("--user") && picture != Invocation.Picture.PROGRESS) {
                throw new UsageException("unknown " + (arg.startsWith("-") ? "option" : "argument") + " '" + arg
                        + "' for '" + name + "'", usage);
            }
            String value;
            if (arg.contains("=")) {
                value = arg.substring(arg.indexOf('=') + 1);
            } else if (i + 1 < args.length) {
                value = args[++i];
            } else {
                throw new UsageException(option + " needs a value, e.g. " + example(option), usage);
            }
            switch (option) {
                case "--level" -> level = level(value, usage);
                case "--user" -> user = CommandLine.userId(value, usage);
                default -> out = out(value, usage);
            }
        }
        if (out == null) {
            throw new UsageException("'" + name + "' needs --out FILE.png, the picture to write", usage);
        }
        if (picture == Invocation.Picture.PROGRESS && user == null) {
            throw new UsageException("'chart progress' needs --user ID, whose progress to draw", usage);
        }
        return new Invocation(Invocation.Command.CHART, null, false, user, List.of(),
                io.github.careeradvisor.advisor.OperatorReport.DEFAULT_DAYS, new Invocation.Drawing(picture, level, out));
    }

    private static String example(String option) {
        return switch (option) {
            case "--level" -> "--level junior";
            case "--user" -> "--user 42";
            default -> "--out pay.png";
        };
    }

    private static Level level(String value, String usage) throws UsageException {
        return Level.parse(value).orElseThrow(() -> new UsageException("--level '" + value + "' is not a level "
                + "(expected one of " + Arrays.stream(Level.values()).map(Level::id).collect(Collectors.joining(", "))
                + ")", usage));
    }

    private static Path out(@Nullable String value, String usage) throws UsageException {
        if (value == null || value.isBlank() || !value.toLowerCase(java.util.Locale.ROOT).endsWith(".png")) {
            throw new UsageException("--out '" + value + "' is not a PNG file name (expected e.g. --out pay.png)",
                    usage);
        }
        return Path.of(value);
    }
}
