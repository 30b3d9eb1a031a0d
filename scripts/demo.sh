#!/usr/bin/env bash
# The main job, end to end, on the embedded default: builds Plugboard, starts the Sentry simulator, validates the
# config, syncs the organization's identities and access, and writes the access-review CSV.
# Needs only JDK 17 and Maven. Output goes to ./demo-output (or $PLUGBOARD_DEMO_OUT).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
out=${PLUGBOARD_DEMO_OUT:-$root/demo-output}

if [ "${PLUGBOARD_DEMO_SKIP_BUILD:-}" != "1" ]; then
  echo "Building (mvn -B -q package -DskipTests)..."
  mvn -B -q package -DskipTests
fi

rm -rf "$out"
mkdir -p "$out/plugins"
cp sentry-plugin/target/sentry-plugin.jar "$out/plugins/"

echo "Starting the Sentry simulator (500 members, 50 teams, 200 projects)..."
# the same organization scripts/simulator.sh keeps running for the README's examples; it writes the config
bash scripts/simulator.sh --port 0 --config "$out/sentry.yaml" --ready-file "$out/simulator.json" \
  > "$out/simulator.log" 2>&1 &
sim=$!
trap 'kill $sim 2>/dev/null || true' EXIT
for _ in $(seq 1 300); do
  [ -s "$out/simulator.json" ] && break
  kill -0 $sim 2>/dev/null || { echo "the simulator failed to start:"; cat "$out/simulator.log"; exit 1; }
  sleep 0.1
done
[ -s "$out/simulator.json" ] || { echo "the simulator did not start within 30 s"; exit 1; }
field() { sed -n "s/.*\"$1\" *: *\"\([^\"]*\)\".*/\1/p" "$out/simulator.json"; }
export SENTRY_AUTH_TOKEN=$(field token)

# the store (sync history, diff, access timeline) lives in the demo's folder, not in ~/.plugboard
export PLUGBOARD_STORE="$out/plugboard.db"
plugboard() { "$root/scripts/plugboard" --plugins "$out/plugins" "$@"; }

echo
echo "$ plugboard plugins"
plugboard plugins
echo
echo "$ plugboard validate sentry --config $out/sentry.yaml"
plugboard validate sentry --config "$out/sentry.yaml"
echo
echo "$ plugboard sync sentry --config $out/sentry.yaml --connection demo-sentry --out $out/sync.jsonl"
plugboard sync sentry --config "$out/sentry.yaml" --connection demo-sentry --out "$out/sync.jsonl"
echo
echo "$ plugboard access --sync $out/sync.jsonl --format csv --out $out/access.csv"
plugboard access --sync "$out/sync.jsonl" --format csv --out "$out/access.csv"

echo
echo "A day passes: the simulator changes the organization (1% churn: members join and leave, team roles change,"
echo "teams gain and lose projects)..."
java -jar sentry-simulator/target/sentry-simulator.jar churn --url "$(field baseUrl)" --percent 1 --seed 7 \
  > "$out/churn.json"
echo
echo "$ plugboard sync sentry --config $out/sentry.yaml --connection demo-sentry"
plugboard sync sentry --config "$out/sentry.yaml" --connection demo-sentry
echo
echo "$ plugboard syncs --connection demo-sentry"
plugboard syncs --connection demo-sentry
echo
echo "$ plugboard diff --connection demo-sentry"
plugboard diff --connection demo-sentry | tee "$out/diff.txt"

echo
echo "Done."
echo "  sync file:           $out/sync.jsonl ($(wc -l < "$out/sync.jsonl") records)"
echo "  access review (CSV): $out/access.csv ($(($(wc -l < "$out/access.csv") - 1)) rows)"
echo "  store:               $out/plugboard.db (2 syncs; sqlite3 it, see docs/store.md)"
echo "  diff of the two:     $out/diff.txt ($(grep -c '^  ' "$out/diff.txt") changes)"
summary=$(tail -n 1 "$out/sync.jsonl")
counts=$(sed -n 's/.*"counts":{\([^}]*\)}.*/\1/p' <<<"$summary")
run=$(sed -n 's/.*"run":{\([^}]*\)}.*/\1/p' <<<"$summary")
value() { sed -n "s/.*\"$1\":\([0-9]*\).*/\1/p" <<<"$2"; }
echo "  synced:              $(value resource "$counts") resources, $(value entitlement "$counts") entitlements," \
  "$(value grant "$counts") grants in $(value durationMillis "$run") ms, $(value requests "$run") requests to Sentry"
echo
echo "The simulator stops with the demo. To keep one with the same organization running and try the README's"
echo "commands against it: scripts/simulator.sh"
