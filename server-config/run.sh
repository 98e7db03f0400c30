#!/usr/bin/env bash
# Runs Latchkey on Payara Micro for `mvn -Prun package` (README command 1), bound to 127.0.0.1.
#
# Without OIDC_CLIENT_ID (and unless LATCHKEY_DEMO=false) it is the demo: Keycloak starts beside it
# with the realm in keycloak/latchkey-demo-realm.json (a fresh in-memory database every start), and
# Latchkey is configured against it as "Keycloak", with demo accounts of its own. With OIDC_CLIENT_ID
# and OIDC_CLIENT_SECRET set, Latchkey runs alone against that provider (for example real Google).
#
# Ctrl-C (or SIGTERM) stops everything this script started.
#
# Arguments: the build directory (target/). Environment from the pom: PAYARA_JAR, LATCHKEY_WAR,
# KEYCLOAK_HOME; optional: LATCHKEY_HTTP_PORT (8080), LATCHKEY_DEMO_KEYCLOAK_PORT (8180).
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
target="$1"
port="${LATCHKEY_HTTP_PORT:-8080}"
export LATCHKEY_BASE_URL="${LATCHKEY_BASE_URL:-http://localhost:$port}"
export LATCHKEY_DATA_DIR="${LATCHKEY_DATA_DIR:-$PWD/data}"

started=()

# Stops a process and everything it started (kc.sh runs Keycloak's JVM as a child).
stop_tree() {
  local pid="$1" child
  for child in $(ps -o pid= --ppid "$pid" 2>/dev/null); do
    stop_tree "$child"
  done
  kill -TERM "$pid" 2>/dev/null || true
}

stop_all() {
  trap - EXIT INT TERM
  for pid in "${started[@]}"; do
    stop_tree "$pid"
  done
  wait 2>/dev/null || true
}
trap stop_all EXIT INT TERM

# Polls until something answers HTTP 200 at the URL (Java does it: nothing else is required).
wait_for() {
  local url="$1" deadline=$((SECONDS + 240))
  until java "$here/HttpCheck.java" "$url" 2>/dev/null; do
    if [ $SECONDS -gt $deadline ]; then
      echo "Nothing answered at $url in 4 minutes." >&2
      return 1
    fi
    sleep 2
  done
}

random() { head -c 18 /dev/urandom | od -An -tx1 | tr -d ' \n'; }

demo=false
if [ -z "${OIDC_CLIENT_ID:-}" ] && [ "${LATCHKEY_DEMO:-true}" != "false" ]; then
  demo=true
  kc_port="${LATCHKEY_DEMO_KEYCLOAK_PORT:-8180}"
  mkdir -p "$KEYCLOAK_HOME/data/import"
  cp "$here/keycloak/latchkey-demo-realm.json" "$KEYCLOAK_HOME/data/import/"
  LATCHKEY_DEMO_CLIENT_SECRET="$(random)"
  export LATCHKEY_DEMO_CLIENT_SECRET
  echo "Starting the demo Keycloak on http://localhost:$kc_port (log: $target/keycloak-demo.log)"
  KC_BOOTSTRAP_ADMIN_USERNAME=admin KC_BOOTSTRAP_ADMIN_PASSWORD="$(random)" \
    "$KEYCLOAK_HOME/bin/kc.sh" start-dev --db=dev-mem --import-realm \
    --http-host 127.0.0.1 --http-port "$kc_port" --hostname "http://localhost:$kc_port" \
    > "$target/keycloak-demo.log" 2>&1 &
  started+=($!)

  export OIDC_PROVIDER_ID=keycloak
  export OIDC_PROVIDER_NAME=Keycloak
  export OIDC_ISSUER="http://localhost:$kc_port/realms/latchkey-demo"
  export OIDC_CLIENT_ID=latchkey
  export OIDC_CLIENT_SECRET="$LATCHKEY_DEMO_CLIENT_SECRET"
  export OIDC_LOGOUT_AT_PROVIDER="${OIDC_LOGOUT_AT_PROVIDER:-true}"
  # Explicit demo only: password accounts the README lists (carol's email is also at Keycloak).
  export LATCHKEY_DEMO_ACCOUNTS="admin@demo.test:Demo Admin:admin-latchkey-password:admin,carol@demo.test:Carol:carol-latchkey-password"
  # Accounts with published passwords never go into the database of a real run.
  export LATCHKEY_DATA_DIR="$LATCHKEY_DATA_DIR/demo"
fi

echo "Starting Latchkey on $LATCHKEY_BASE_URL (data: $LATCHKEY_DATA_DIR)"
java -Dhazelcast.config="$here/hazelcast.xml" -Djava.io.tmpdir="$target" \
  -jar "$PAYARA_JAR" --nocluster --port "$port" \
  --prebootcommandfile "$here/pre-boot-commands.asadmin" \
  --contextroot / --deploy "$LATCHKEY_WAR" &
payara=$!
started+=($payara)

wait_for "http://127.0.0.1:$port/health"
if [ "$demo" = true ]; then
  wait_for "$OIDC_ISSUER/.well-known/openid-configuration"
  cat <<BANNER

  Latchkey demo ready: $LATCHKEY_BASE_URL   (Ctrl-C stops Latchkey and Keycloak)
  "Continue with Keycloak": alice / alice-demo-password, bob / bob-demo-password
  Binding: carol / carol-demo-password at Keycloak; Latchkey account carol@demo.test / carol-latchkey-password
  Admin console: admin@demo.test / admin-latchkey-password

BANNER
else
  echo "Latchkey ready: $LATCHKEY_BASE_URL   (Ctrl-C stops it)"
fi
wait "$payara"
