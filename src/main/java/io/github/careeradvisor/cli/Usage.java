package io.github.careeradvisor.cli;

/** The usage texts printed by {@code --help} and after a usage error. */
final class Usage {

    private Usage() {
    }

    static final String MAIN = """
            Usage: java -jar career-advisor.jar [COMMAND] [OPTIONS]

            A career advisor for people who want to become machine-learning engineers.
            With no command: the Telegram bot if TELEGRAM_BOT_TOKEN is set, else the terminal chat.

            Commands:
              bot               run the Telegram bot (long polling)
              chat              chat in the terminal, one question a line
              ask QUESTION...   answer one question and exit; with no question, answer
                                every line of standard input, one answer each
              index             build or refresh the index and report what was done
              report            votes on the answers and questions the guides missed,
                                for operators (--days N, --json)
              chart salary [--level LEVEL] --out FILE.png
                                pay by level as a PNG picture
              chart progress --user ID --out FILE.png
                                that user's learning-path progress as a PNG picture
              migrate-sqlite-to-postgres [--replace]
                                copy the SQLite database in ADVISOR_DATA_DIR into the
                                PostgreSQL database ADVISOR_DATABASE_URL names

            Run 'COMMAND --help' for a command's options.

            Settings (environment variables):
              ADVISOR_KNOWLEDGE_DIR  folder of guides to index (default: knowledge)
              ADVISOR_DATA_DIR       where the index cache and the database live (default: data)
              TELEGRAM_BOT_TOKEN     the bot's token from @BotFather
              TELEGRAM_API_URL       Bot API server (default: https://api.telegram.org)
              ADVISOR_ALLOWED_USERS  comma-separated Telegram user ids allowed to use the bot
              ADVISOR_ADMIN_IDS      comma-separated user ids that may use /stats
              ADVISOR_CONTEXT_MINUTES  how long a conversation is remembered for follow-ups (default: 180)
              ADVISOR_RATE_LIMIT     questions one person may ask the bot a minute (default: 20)
              ADVISOR_ONNX_THREADS   threads the embedding model uses per question (default: 1; 0 = every core)
              ADVISOR_MODEL          the embedding model: quantized (default), or float: slower, finds a few more facts
              ADVISOR_LLM_URL        OpenAI-compatible API that phrases answers (default: off)
              ADVISOR_LLM_MODEL      the model's name; required with ADVISOR_LLM_URL
              ADVISOR_LLM_API_KEY    bearer key for the model API (never printed)
              ADVISOR_LLM_TIMEOUT    seconds for one generated reply (default: 20)
              ADVISOR_HTTP_PORT      the bot's /healthz, /readyz and /metrics on every interface, and
                                     its webhook (default: 8080; off or 0 = none, not in webhook mode)
              TELEGRAM_WEBHOOK_URL   public https URL Telegram posts updates to (default: off = polling)
              TELEGRAM_WEBHOOK_SECRET  required with the webhook URL: 1-256 of A-Z a-z 0-9 _ -
                                     (never printed)
              ADVISOR_DATABASE_URL   jdbc:postgresql://host:5432/db to keep all state in PostgreSQL
                                     (default: the SQLite file advisor.db in ADVISOR_DATA_DIR)
              ADVISOR_DATABASE_USER, ADVISOR_DATABASE_PASSWORD
                                     PostgreSQL's credentials (the password is never printed)

            Exit codes: 0 success, 1 failure at run time, 2 bad usage or configuration.
            """;

    static final String ASK = """
            Usage: java -jar career-advisor.jar ask [--json] [--user ID] [--] [QUESTION...]

            Answers QUESTION and exits. With no QUESTION, answers every line of standard
            input, one answer each, in order.

            Options:
              --json      print one JSON object a line and nothing else on standard output:
                          {"question", "answer", "grounded", "sources", "latencyMs",
                          "composer"}
              --user ID   answer as that user, with that user's stored profile
              --          everything after this is the question, even if it starts with -
            """;

    static final String CHAT = """
            Usage: java -jar career-advisor.jar chat [--user ID]

            Chat with the advisor in the terminal: type a question and press Enter.
            Commands such as /help, /salary, /certs and /next work too. Leave with
            'quit', 'exit' or Ctrl-D.
            """;

    static final String INDEX = """
            Usage: java -jar career-advisor.jar index

            Reads the guides in ADVISOR_KNOWLEDGE_DIR, embeds what changed since the last run,
            keeps the vectors under ADVISOR_DATA_DIR, and prints what it did: guides,
            passages, texts embedded vs reused from the cache, and the time taken.
            Exits 1 if a guide could not be read (the message names the file and line).
            """;

    static final String BOT = """
            Usage: java -jar career-advisor.jar bot

            Runs the Telegram bot with long polling. Needs TELEGRAM_BOT_TOKEN (from @BotFather);
            TELEGRAM_API_URL points it at a self-hosted Bot API server. /healthz, /readyz and
            /metrics (Prometheus) are served on ADVISOR_HTTP_PORT (default 8080; off = none).
            With TELEGRAM_WEBHOOK_URL (https) and TELEGRAM_WEBHOOK_SECRET set, Telegram posts
            updates to that URL's path on ADVISOR_HTTP_PORT instead (webhook mode).
            """;

    static final String REPORT = """
            Usage: java -jar career-advisor.jar report [--days N] [--json]

            What people thought of the answers, from the database under ADVISOR_DATA_DIR:
            answers voted on and the share helpful, the 10 questions voted down most with
            what people said was missing, and the 10 questions the guides most often could
            not answer. Questions are shown as asked, never with who asked them.

            Options:
              --days N    the last N days, 1 to 90 (default: 7)
              --json      one JSON object: {"days", "answers", "answersVoted", "votes",
                          "helpfulShare", "downVoted", "declined"}
            """;

    static final String CHART = """
            Usage: java -jar career-advisor.jar chart salary [--level LEVEL] --out FILE.png
                   java -jar career-advisor.jar chart progress --user ID --out FILE.png

            Draws a chart as a PNG picture, the same one the bot sends, without the
            embedding model or the network.

              salary     ML engineer pay by level: every source's range from the salary
                         guide in ADVISOR_KNOWLEDGE_DIR, side by side
              progress   that user's way along the learning roadmap: done, learning,
                         skipped and to do, with the count

            Options:
              --level LEVEL   highlight this level: new-to-tech, student, career-switcher,
                              junior, mid or senior
              --user ID       whose progress to draw (the profile stored under ADVISOR_DATA_DIR)
              --out FILE.png  where to write the picture; its folder must exist

            Exits 2 naming the value if LEVEL is not a level or FILE.png cannot be written.
            """;

    static final String MIGRATE = """
            Usage: java -jar career-advisor.jar migrate-sqlite-to-postgres [--replace]

            Copies the SQLite database in ADVISOR_DATA_DIR (advisor.db) into the PostgreSQL
            database ADVISOR_DATABASE_URL names (ADVISOR_DATABASE_USER and _PASSWORD log in),
            for a bot that moves up to PostgreSQL: every table, in one transaction, both
            brought to the newest schema first. Prints the rows copied per table, each count
            checked in PostgreSQL before the commit. Stop the bot first; the file is only read.

            Options:
              --replace   delete what the target holds, then copy; without it, a target
                          that holds any row is refused and nothing is written

            Exits 2 naming the setting if ADVISOR_DATABASE_URL is unset, ADVISOR_DATA_DIR holds
            no database or the target holds rows; 1 if PostgreSQL cannot be reached.
            """;

    static String of(Invocation.Command command) {
        return switch (command) {
            case BOT -> BOT;
            case CHAT -> CHAT;
            case ASK -> ASK;
            case INDEX -> INDEX;
            case REPORT -> REPORT;
            case CHART -> CHART;
            case MIGRATE -> MIGRATE;
        };
    }
}
