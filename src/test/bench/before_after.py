#!/usr/bin/env python3
"""Answer latency of two builds of the advisor, measured in one run.

Each jar answers every question of the evaluation set once per round through `ask --json` (one
process per round, so no question comes from the query cache), the jars taking turns; the report is
each jar's median of the per-round p50 and p99 of `latencyMs`, and their ratio.

    python3 src/test/bench/before_after.py BEFORE.jar BEFORE_KNOWLEDGE AFTER.jar AFTER_KNOWLEDGE [ROUNDS]
"""
import json
import os
import statistics
import subprocess
import sys
import tempfile


def percentile(values, share):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def run(jar, knowledge, data, questions):
    env = dict(os.environ, ADVISOR_KNOWLEDGE_DIR=knowledge, ADVISOR_DATA_DIR=data)
    env.pop("TELEGRAM_BOT_TOKEN", None)
    out = subprocess.run(["java", "-jar", jar, "ask", "--json"], input="\n".join(questions) + "\n",
                         capture_output=True, text=True, env=env, check=True).stdout
    return [json.loads(line)["latencyMs"] for line in out.splitlines() if line.strip()]


def main():
    before_jar, before_kb, after_jar, after_kb = sys.argv[1:5]
    rounds = int(sys.argv[5]) if len(sys.argv) > 5 else 3
    with open("src/test/resources/eval/questions.json", encoding="utf-8") as f:
        data = json.load(f)
    questions = [q["question"] for q in data["questions"]] + data["offTopic"]
    results = {"before": [], "after": []}
    with tempfile.TemporaryDirectory() as tmp:
        dirs = {"before": os.path.join(tmp, "before"), "after": os.path.join(tmp, "after")}
        builds = {"before": (before_jar, before_kb), "after": (after_jar, after_kb)}
        for name, (jar, kb) in builds.items():  # builds the index once, not timed
            run(jar, kb, dirs[name], questions[:1])
        for _ in range(rounds):
            for name, (jar, kb) in builds.items():
                latencies = run(jar, kb, dirs[name], questions)
                results[name].append((percentile(latencies, 0.5), percentile(latencies, 0.99)))
    p50 = {n: statistics.median(r[0] for r in rs) for n, rs in results.items()}
    p99 = {n: statistics.median(r[1] for r in rs) for n, rs in results.items()}
    print(f"{len(questions)} questions, each asked once per round, {rounds} rounds per build, builds alternating")
    print("| build | answer p50 (ms) | answer p99 (ms) |")
    print("|---|---|---|")
    for n in ("before", "after"):
        print(f"| {n} | {p50[n]:.1f} | {p99[n]:.1f} |")
    print(f"| after / before | {p50['after'] / p50['before']:.2f}x | {p99['after'] / p99['before']:.2f}x |")


if __name__ == "__main__":
    main()
