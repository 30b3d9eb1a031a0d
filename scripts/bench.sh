#!/usr/bin/env bash
# Benchmarks (not part of mvn verify): identity syncs of S/M/L organizations and the project-events report
# through the plugboard CLI against the simulator (40 req/s, 25 concurrent, 50 ms latency), and the peer
# connector's request pattern against the same simulator. Prints one Markdown table.
# Usage: scripts/bench.sh [--sizes S,M,L] [--latency-ms 50] [--no-peer] [--events 20000] [--startup-runs 7] [--xmx 256m] [--out FILE]
#                        [--store-syncs 30] [--store-only]   (the store: L sync with vs without it, 30 M syncs with churn, diff, access)
#                        [--events-only]   (the project-events report alone: a first --incremental --into store run,
#                                           then a second after 1% new events)
#        scripts/bench.sh --kafka-connect [S|M|L]   an identity sync through an in-process Kafka Connect cluster against
#        the CLI (same simulator settings; default M): requests and wall time of each, and their ratio
set -euo pipefail
cd "$(dirname "$0")/.."
if [ "${1:-}" = "--kafka-connect" ]; then
  size="${2:-M}"
  mvn -B -q verify -pl kafka-connect -am -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false \
    -Dit.test=ConnectBenchIT -Dfailsafe.failIfNoSpecifiedTests=false -Dplugboard.bench.size="$size" >&2
  cat kafka-connect/target/connect-bench.md
  exit 0
fi
if [ "${PLUGBOARD_BENCH_SKIP_BUILD:-}" != "1" ]; then
  mvn -B -q package -DskipTests
fi
exec java -Xmx2g -jar benchmarks/target/benchmarks.jar "$@"
