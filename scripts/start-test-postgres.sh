#!/usr/bin/env bash
# Starts a throw-away PostgreSQL cluster on 127.0.0.1 (Debian's `postgresql` package) for the tests, and prints
# the variables they read, so that
#
#   eval "$(scripts/start-test-postgres.sh)"     # optional argument: the port (default 55432)
#   npm test
#   "$STOPWISE_TEST_POSTGRES_CTL" stop           # then delete the directory it printed
#
# runs the PostgreSQL tests too. The cluster lives in a new directory under /tmp, with password authentication
# and fsync off (test data only). As root it runs the server as the `postgres` user, which initdb requires.
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
  chown -R postgres "$dir"
  as_owner="su postgres -s /bin/sh -c"
fi
$as_owner "'$bin/initdb' -D '$dir/data' -U stopwise --auth=scram-sha-256 --pwfile='$dir/pwfile' -E UTF8 >'$dir/initdb.log' 2>&1"
rm -f "$dir/pwfile"
cat >> "$dir/data/postgresql.conf" <<CONF
listen_addresses = '127.0.0.1'
port = $port
unix_socket_directories = '$dir'
fsync = off
max_connections = 100
CONF
cat > "$dir/ctl" <<CTL
#!/bin/sh
# stop | start | restart the test cluster; returns once it is down or accepting connections.
exec $as_owner "'$bin/pg_ctl' -D '$dir/data' -w -m fast -l '$dir/server.log' \$1" >/dev/null
CTL
chmod +x "$dir/ctl"
"$dir/ctl" start
echo "export STOPWISE_TEST_POSTGRES='postgresql://stopwise:$password@127.0.0.1:$port/postgres'"
echo "export STOPWISE_TEST_POSTGRES_CTL='$dir/ctl'"
echo "# test cluster in $dir"
