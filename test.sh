#!/usr/bin/env bash
# Runs every test of the Exposure Portal on a fresh Debian machine and ends with one line:
#   tests: N passed, N failed, N skipped
# It installs what the tests need that is missing (with apt-get when run as root). With CI=true a missing
# part fails the run; nothing is skipped silently.
set -uo pipefail
cd "$(dirname "$0")"
ROOT=$(pwd)
RESULTS="$ROOT/TestResults"
rm -rf "$RESULTS"
mkdir -p "$RESULTS"

passed=0 failed=0 skipped=0
started_at=$(date +%s)
note() { printf '\n== %s (%s)\n' "$*" "$(date +%T)"; }
fail_setup() { echo "test.sh: $*" >&2; echo "tests: 0 passed, 1 failed, 0 skipped"; exit 1; }

apt_updated=0
apt_install() {
  if [ "$(id -u)" != "0" ]; then
    fail_setup "missing $*; install them (sudo apt-get install $*) or run as root"
  fi
  if [ "$apt_updated" = 0 ]; then
    DEBIAN_FRONTEND=noninteractive apt-get update -qq || fail_setup "apt-get update failed"
    apt_updated=1
  fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >/dev/null || fail_setup "apt-get install $* failed"
}

# --- What the tests need ------------------------------------------------------------------------
command -v dotnet >/dev/null || fail_setup "the .NET SDK (see global.json) is not installed"
if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  note "Installing Node.js and npm (the build compiles govuk-frontend from npm)"
  apt_install nodejs npm
fi

# The mail tests send to a real SMTP server on loopback: tests/smtp/smtp_sink.py on Debian's own python3
# (not a pyenv one) with Debian's aiosmtpd.
if ! /usr/bin/python3 -c 'import aiosmtpd' >/dev/null 2>&1; then
  note "Installing python3 and python3-aiosmtpd (the SMTP server the mail tests send to)"
  apt_install python3 python3-aiosmtpd
  /usr/bin/python3 -c 'import aiosmtpd' >/dev/null 2>&1 || fail_setup "python3-aiosmtpd is installed but /usr/bin/python3 cannot import aiosmtpd"
fi

# The text-message tests send through a real Kannel gateway on loopback (tests/kannel/kannel.sh): Debian's kannel,
# with the fake SMS centre from kannel-extras standing in for the mobile network.
if ! [ -x /usr/sbin/bearerbox ] || ! dpkg -L kannel-extras 2>/dev/null | grep -q '/fakesmsc$'; then
  note "Installing kannel and kannel-extras (the SMS gateway the text tests send through)"
  apt_install kannel kannel-extras
fi

# The data and job tests run a second time against a real PostgreSQL server: Debian's postgresql, as a
# throw-away cluster on loopback (tests/postgres/cluster.sh), stopped and deleted when this script ends.
if ! ls -d /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
  note "Installing postgresql (the second provider the tests run against)"
  apt_install postgresql
fi
# The browser tests drive Debian's Chromium through Playwright (its bundled driver; no browser download).
if [ -z "${PORTAL_CHROMIUM:-}" ] && ! [ -x /usr/bin/chromium ]; then
  note "Installing chromium (the browser the browser tests drive)"
  apt_install chromium
fi
export PORTAL_CHROMIUM=${PORTAL_CHROMIUM:-/usr/bin/chromium}
[ -x "$PORTAL_CHROMIUM" ] || fail_setup "Chromium is not at $PORTAL_CHROMIUM"

PG_DIR=$(mktemp -d /tmp/portal-test-pg.XXXXXX)
trap 'tests/postgres/cluster.sh stop "$PG_DIR"' EXIT
note "Starting a throw-away PostgreSQL server on loopback"
PORTAL_TEST_POSTGRES=$(tests/postgres/cluster.sh start "$PG_DIR") || fail_setup "PostgreSQL did not start (see $PG_DIR/server.log)"
export PORTAL_TEST_POSTGRES
echo "started"

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

# --- Build ---------------------------------------------------------------------------------------
note "Building"
# Locked: exactly the package versions in the committed packages.lock.json files, or the restore fails and says which.
{ dotnet restore Portal.sln --locked-mode -v quiet -nologo && dotnet build Portal.sln --no-restore -c Debug -v quiet -nologo; } > "$RESULTS/build.log" 2>&1
build_status=$?
tail -n 30 "$RESULTS/build.log"
[ "$build_status" = 0 ] || fail_setup "the build failed (see above and TestResults/build.log)"

# --- Checks that count as tests ------------------------------------------------------------------
check() {
  local name=$1; shift
  note "Check: $name"
  if "$@" > "$RESULTS/$name.log" 2>&1; then
    passed=$((passed + 1)); echo "passed"
  else
    failed=$((failed + 1)); echo "FAILED: $name"; tail -n 40 "$RESULTS/$name.log"
  fi
}
# Layout by dotnet format's whitespace pass and the using directives' order by a small script: the build itself already
# enforces the style and analyser rules (EnforceCodeStyleInBuild, warnings as errors), which a full `dotnet format`
# would check again at the cost of compiling everything a second time.
check format dotnet format whitespace Portal.sln --verify-no-changes
check usings-order python3 tests/checks/usings_order.py
check migrations dotnet run --no-build --project tools/Portal.Migrations -- check
# No package, direct or transitive, with a known vulnerability (as the NuGet source reports them).
no_vulnerable_packages() {
  local report
  report=$(dotnet list Portal.sln package --vulnerable --include-transitive 2>&1) || { echo "$report"; return 1; }
  echo "$report"
  ! grep -q "has the following vulnerable packages" <<< "$report"
}
check vulnerable-packages no_vulnerable_packages

# --- Test projects -------------------------------------------------------------------------------
# Every test runs against SQLite (the embedded default) in the Development environment, then again against PostgreSQL
# in the Production environment (PORTAL_TEST_ENVIRONMENT: HSTS, the exception handler, no development sign-in, and
# every client signed in for real through Entra ID's scheme and the tests' OpenID Connect provider), so each page test
# meets both. The tests of several nodes sharing one database (Category=TwoNodes) need PostgreSQL and run in its pass
# only; those of SQLite's own write-ahead log (Category=SqliteOnly) run in the SQLite pass only; the browser tests
# (Category=Browser) are about what the pages do in Chromium, whichever database is behind them, and run once.
# HTTPS on loopback (the tests' OpenID Connect provider, and the portal in Production) uses a throw-away certificate
# that the first test process makes at this path; the test processes trust it through SSL_CERT_FILE, as a machine
# trusts its organisation's CA. Set for the test runs only: the build above still trusts the system's CAs.
LOOPBACK_CERT="$RESULTS/loopback/loopback.pem"
for provider in Sqlite PostgreSql; do
  note "Running tests against $provider"
  filter=()
  [ "$provider" = Sqlite ] && filter=(--filter "Category!=TwoNodes")
  [ "$provider" = PostgreSql ] && filter=(--filter "Category!=Browser&Category!=SqliteOnly")
  environment=Development
  [ "$provider" = PostgreSql ] && environment=Production
  SSL_CERT_FILE="$LOOPBACK_CERT" PORTAL_TEST_ENVIRONMENT=$environment PORTAL_TEST_PROVIDER=$provider dotnet test Portal.sln --no-build -nologo "${filter[@]}" --logger "trx;LogFilePrefix=$provider" --results-directory "$RESULTS" 2>&1 \
    | grep -Ev '^\s*$|^Test run for|^A total of|^Results File' || true
  echo "($provider pass ended $(date +%T))"
done

shopt -s nullglob
trx_files=("$RESULTS"/*.trx)
if [ "${#trx_files[@]}" = 0 ]; then
  fail_setup "no test results were written"
fi
for trx in "${trx_files[@]}"; do
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)
  get() { echo "$counters" | sed -n "s/.* $1=\"\([0-9]*\)\".*/\1/p"; }
  total=$(get total); p=$(get passed); f=$(get failed); e=$(get error); t=$(get timeout); ne=$(get notExecuted)
  passed=$((passed + ${p:-0}))
  failed=$((failed + ${f:-0} + ${e:-0} + ${t:-0}))
  skipped=$((skipped + ${ne:-0}))
  # Tests that did not pass, fail or skip (aborted run) count as failed.
  rest=$(( ${total:-0} - ${p:-0} - ${f:-0} - ${e:-0} - ${t:-0} - ${ne:-0} ))
  [ "$rest" -gt 0 ] && failed=$((failed + rest))
done

echo
echo "test.sh took $(( ($(date +%s) - started_at) / 60 )) min $(( ($(date +%s) - started_at) % 60 )) s"
echo "tests: $passed passed, $failed failed, $skipped skipped"
[ "$failed" = 0 ]
