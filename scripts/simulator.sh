#!/usr/bin/env bash
# Keeps a Sentry simulator running with the demo's organization (seed 1: 500 members, 50 teams, 200 projects), so
# the README's commands can be tried against it. Writes the config to use and prints how to use it; Ctrl-C stops it.
#   scripts/simulator.sh [--port N] [--config FILE] [--ready-file FILE] [simulator options...]
#     --port N           the port on 127.0.0.1 (default 0: any free port)
#     --config FILE      where to write the plugin config (default ./sentry.yaml); an existing file is replaced
#                        only if this script wrote it
#     --ready-file FILE  also write the simulator's ready line ({"baseUrl","token","organization"}) to FILE
#     other options go to the simulator (java -jar sentry-simulator.jar --help lists them)
# Needs the simulator jar: mvn -B package -DskipTests
set -euo pipefail
root=$(cd -P "$(dirname "${BASH_SOURCE[0]}")" && cd .. && pwd)
jar=$root/sentry-simulator/target/sentry-simulator.jar
marker="# Written by scripts/simulator.sh for its Sentry simulator."

port=0
config=sentry.yaml
ready=""
extra=()
while [ $# -gt 0 ]; do
  case "$1" in
    --port|--config|--ready-file)
      [ $# -ge 2 ] || { echo "simulator.sh: $1 needs a value" >&2; exit 2; }
      case "$1" in --port) port=$2 ;; --config) config=$2 ;; --ready-file) ready=$2 ;; esac
      shift 2 ;;
    -h|--help) sed -n '2,10s/^# \{0,1\}//p' "${BASH_SOURCE[0]}"; exit 0 ;;
    *) extra+=("$1"); shift ;;
  esac
done
if [ ! -f "$jar" ]; then
  echo "simulator.sh: $jar does not exist: build it with 'mvn -B package -DskipTests'" >&2
  exit 2
fi
if [ -e "$config" ] && ! grep -qxF "$marker" "$config" 2>/dev/null; then
  echo "simulator.sh: $config exists and was not written by this script; choose another with --config FILE" >&2
  exit 2
fi

line_file=$(mktemp)
log_file=$(mktemp)
java -jar "$jar" --port "$port" --seed 1 --members 500 --teams 50 --projects 200 ${extra[@]+"${extra[@]}"} \
  > "$line_file" 2> "$log_file" &
sim=$!
trap 'kill "$sim" 2>/dev/null; rm -f "$line_file" "$log_file"' EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
for _ in $(seq 1 300); do
  [ -s "$line_file" ] && break
  kill -0 "$sim" 2>/dev/null || { echo "simulator.sh: the simulator failed to start:" >&2; cat "$log_file" >&2; exit 1; }
  sleep 0.1
done
[ -s "$line_file" ] || { echo "simulator.sh: the simulator did not start within 30 s" >&2; exit 1; }
field() { sed -n "s/.*\"$1\" *: *\"\([^\"]*\)\".*/\1/p" "$line_file"; }
base_url=$(field baseUrl)
organization=$(field organization)
token=$(field token)
cat > "$config.$$.tmp" <<YAML
$marker
# The token comes from the environment, so it is never written to this file.
authToken: \${env:SENTRY_AUTH_TOKEN}
organization: $organization
baseUrl: $base_url
YAML
mv -f "$config.$$.tmp" "$config"
# last, and whole: whoever waits for the ready file finds the config written
if [ -n "$ready" ]; then cp "$line_file" "$ready.$$.tmp" && mv -f "$ready.$$.tmp" "$ready"; fi

cat <<TEXT
The Sentry simulator is running at $base_url with the demo's organization '$organization'
(seed 1: 500 members, 50 teams, 200 projects). Its config is in $config.
In another terminal, in this folder:

  export SENTRY_AUTH_TOKEN=$token
  export PLUGBOARD_PLUGINS=$root/sentry-plugin/target
  alias plugboard=$root/scripts/plugboard
  plugboard validate sentry --config $config

Ctrl-C stops the simulator.
TEXT
wait "$sim"
