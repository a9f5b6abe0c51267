#!/usr/bin/env bash
# Starts two throw-away PostgreSQL clusters on 127.0.0.1 (Debian's `postgresql` package) for the tests and prints
# the variables they read, so that
#
#   eval "$(scripts/start-test-postgres.sh)"     # optional argument: the first port (default 55432)
#   npm test
#   "$STOPWISE_TEST_POSTGRES_CTL" stop-all       # then delete the directory it printed
#
# runs the PostgreSQL tests too. The first cluster (STOPWISE_TEST_POSTGRES) serves every test; the second
# (STOPWISE_TEST_POSTGRES_FAULTS, next port) only the tests that stop and restart their server, through
# STOPWISE_TEST_POSTGRES_CTL, so that test files running in parallel never see a server go away. Both live in
# one new directory under /tmp, with password authentication and fsync off (test data only). As root the servers
# run as the `postgres` user, which initdb requires.
set -euo pipefail
port="${1:-55432}"
bin="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)"
if [ -z "$bin" ]; then
  echo "start-test-postgres: no PostgreSQL under /usr/lib/postgresql (apt-get install postgresql)" >&2
  exit 1
fi
dir="$(mktemp -d /tmp/stopwise-postgres.XXXXXX)"
password="test-$(od -An -N8 -tx8 /dev/urandom | tr -d ' ')"
printf '%s\n' "$password" > "$dir/pwfile"
as_owner="sh -c"
if [ "$(id -u)" = 0 ]; then
  chown postgres "$dir" "$dir/pwfile"
  as_owner="su postgres -s /bin/sh -c"
fi

# create_cluster NAME PORT
create_cluster() {
  $as_owner "'$bin/initdb' -D '$dir/$1' -U stopwise --auth=scram-sha-256 --pwfile='$dir/pwfile' -E UTF8 >'$dir/$1-initdb.log' 2>&1"
  cat >> "$dir/$1/postgresql.conf" <<CONF
listen_addresses = '127.0.0.1'
port = $2
unix_socket_directories = '$dir'
fsync = off
CONF
}
create_cluster main "$port"
create_cluster faults "$((port + 1))"
rm -f "$dir/pwfile"

cat > "$dir/ctl" <<CTL
#!/bin/sh
# stop | start | restart the faults cluster (returns once it is down or accepting connections); stop-all: both.
pg_ctl() { $as_owner "'$bin/pg_ctl' -D '$dir/\$1' -w -m fast -l '$dir/\$1.log' \$2" >/dev/null; }
case "\$1" in
  stop-all) pg_ctl faults stop; pg_ctl main stop ;;
  *) pg_ctl faults "\$1" ;;
esac
CTL
chmod +x "$dir/ctl"
$as_owner "'$bin/pg_ctl' -D '$dir/main' -w -l '$dir/main.log' start" >/dev/null
"$dir/ctl" start
echo "export STOPWISE_TEST_POSTGRES='postgresql://stopwise:$password@127.0.0.1:$port/postgres'"
echo "export STOPWISE_TEST_POSTGRES_FAULTS='postgresql://stopwise:$password@127.0.0.1:$((port + 1))/postgres'"
echo "export STOPWISE_TEST_POSTGRES_CTL='$dir/ctl'"
echo "# test clusters in $dir"
