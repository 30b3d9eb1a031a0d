#!/usr/bin/env bash
# Keeps a Sentry simulator running with the demo's organization (seed 1: 500 members, 50 teams, 200 projects), so
# the README's commands can be tried against it. Writes the config to use and prints how to use it; Ctrl-C stops it.
#   scripts/simulator.sh [--port N] [--config FILE] [--ready-file FILE] [simulator options...]
#     --port N           the port on 127.0.0.1 (default 0: any free port)
#     --config FILE      where to write the plugin config (default ./sentry.yaml); an existing file is replaced
#                        only if this script wrote it. Beside it, sentry-user.yaml: the same with a user auth token
#                        (sntryu_), which Sentry requires to change a member's organization role
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
user_config=$(dirname "$config")/sentry-user.yaml
for file in "$config" "$user_config"; do
  if [ -e "$file" ] && ! grep -qxF "$marker" "$file" 2>/dev/null; then
    echo "simulator.sh: $file exists and was not written by this script; choose another folder with --config FILE" >&2
    exit 2
  fi
done

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
# a user auth token as well (sntryu_, every scope a member-managing owner has): Sentry lets only such a token change
# a member's organization role. Registered through the simulator's control endpoint, with bash's own /dev/tcp.
user_token=sntryu_simulator_user_token_not_a_secret
host_port=${base_url#http://}
body='{"token":"'$user_token'","scopes":["org:read","org:write","member:read","member:write","member:admin","member:invite","team:read","team:write","project:read","project:write","event:read"]}'
if ! exec 3<>"/dev/tcp/${host_port%%:*}/${host_port##*:}"; then
  echo "simulator.sh: cannot reach the simulator at $base_url to add the user token" >&2; exit 1
fi
printf 'POST /__simulator/tokens HTTP/1.1\r\nHost: %s\r\nContent-Type: application/json\r\nContent-Length: %d\r\nConnection: close\r\n\r\n%s' \
  "$host_port" "${#body}" "$body" >&3
read -r status_line <&3 || status_line=""
exec 3<&-
case "$status_line" in
  *" 201"*) ;;
  *) echo "simulator.sh: the simulator refused the user token: ${status_line:-no answer}" >&2; exit 1 ;;
esac

write_config() { # file, variable holding the token
  cat > "$1.$$.tmp" <<YAML
$marker
# The token comes from the environment, so it is never written to this file.
authToken: \${env:$2}
organization: $organization
baseUrl: $base_url
YAML
  mv -f "$1.$$.tmp" "$1"
}
write_config "$config" SENTRY_AUTH_TOKEN
write_config "$user_config" SENTRY_USER_AUTH_TOKEN
# last, and whole: whoever waits for the ready file finds the configs written
if [ -n "$ready" ]; then
  sed 's/}[[:space:]]*$/,"userToken":"'"$user_token"'"}/' "$line_file" > "$ready.$$.tmp" && mv -f "$ready.$$.tmp" "$ready"
fi

cat <<TEXT
The Sentry simulator is running at $base_url with the demo's organization '$organization'
(seed 1: 500 members, 50 teams, 200 projects). Its config is in $config ($user_config has a user
auth token, for role changes). In another terminal, in this folder:

  export SENTRY_AUTH_TOKEN=$token SENTRY_USER_AUTH_TOKEN=$user_token
  export SENTRY_ORG=$organization SENTRY_URL=$base_url
  export PLUGBOARD_PLUGINS=$root/sentry-plugin/target
  alias plugboard=$root/scripts/plugboard
  plugboard validate sentry --config $config

Ctrl-C stops the simulator.
TEXT
wait "$sim"
