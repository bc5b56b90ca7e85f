#!/bin/sh
# The Docker image's entrypoint (Dockerfile): the jar started with the ahead-of-time cache made by a run of
# its command, the bot's for `bot` (the image's default command), the command line's for any other.
# A cache trained on the other command still works, but loads what that command loads: the bot's made
# `ask` about a tenth slower (README, "Performance").
cache=/app/aot/cli.aot
if [ "${1:-bot}" = bot ]; then
  cache=/app/aot/bot.aot
fi
exec java -XX:AOTCache="$cache" -jar /app/career-advisor.jar "$@"
