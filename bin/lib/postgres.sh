# shellcheck shell=bash
# PostgreSQL with TimescaleDB and pgvector on its own data directory and port, owned by bin/heron.
# postgres refuses to run as root: as root, every server-side command runs as the `postgres`
# system user, which then owns the data directory.

PG_DATABASE=heron

pg_bin() { printf '/usr/lib/postgresql/%s/bin/%s' "$(pg_major)" "$1"; }

# Runs a server-side command as the user the server runs as, from a directory it can read.
as_pg() {
  if is_root; then
    (cd / && runuser -u postgres -- "$@")
  else
    (cd / && "$@")
  fi
}

pg_own() { if is_root; then chown -R postgres:postgres "$@"; fi; }

# Sets PG_ROOT, PG_DATA, PG_SOCKET_DIR, PG_LOG. They live in $HERON_HOME unless the postgres user
# cannot reach it (a checkout under /root) or the socket path would pass the kernel's 107-byte limit;
# then in a directory of their own under /var/tmp, linked from $HERON_HOME for people to find.
pg_paths() {
  PG_ROOT=$HERON_HOME
  local socket_file=$RUN_DIR/pgsocket/.s.PGSQL.$HERON_PG_PORT
  if ((${#socket_file} > 100)) || { is_root && ! runuser -u postgres -- test -x "$HERON_HOME" 2>/dev/null; }; then
    PG_ROOT=/var/tmp/heron-pg-$EUID-$(printf '%s' "$HERON_HOME" | cksum | cut -d' ' -f1)
  fi
  if [[ $PG_ROOT == "$HERON_HOME" ]]; then
    PG_DATA=$HERON_HOME/pg PG_SOCKET_DIR=$RUN_DIR/pgsocket PG_LOG=$LOG_DIR/postgres.log
  else
    PG_DATA=$PG_ROOT/pg PG_SOCKET_DIR=$PG_ROOT/socket PG_LOG=$PG_ROOT/postgres.log
  fi
}

pg_prepare_dirs() {
  mkdir -p "$PG_DATA" "$PG_SOCKET_DIR"
  chmod 700 "$PG_DATA"
  touch "$PG_LOG"
  pg_own "$PG_DATA" "$PG_SOCKET_DIR" "$PG_LOG"
  if [[ $PG_ROOT != "$HERON_HOME" ]]; then
    chmod 755 "$PG_ROOT"
    ln -sfn "$PG_DATA" "$HERON_HOME/pg"
    ln -sfn "$PG_SOCKET_DIR" "$RUN_DIR/pgsocket"
    ln -sfn "$PG_LOG" "$LOG_DIR/postgres.log"
  fi
}

# The postmaster's pid, from our pid file or, when that is lost, from the data directory.
pg_running_pid() {
  local pid
  if pid=$(running_pid postgres "$PG_DATA"); then
    printf '%s' "$pid"
    return 0
  fi
  [[ -f $PG_DATA/postmaster.pid ]] || return 1
  pid=$(head -n 1 "$PG_DATA/postmaster.pid")
  if [[ $pid =~ ^[0-9]+$ ]] && kill -0 "$pid" 2>/dev/null && cmdline_has "$pid" "$PG_DATA"; then
    printf '%s' "$pid" >"$(pid_file postgres)"
    printf '%s' "$pid"
    return 0
  fi
  return 1
}

pg_initdb() {
  [[ -f $PG_DATA/PG_VERSION ]] && return 0
  say "  initdb ${PG_DATA} (superuser $HERON_DB_USER)"
  local password_file=$PG_ROOT/.initdb-password
  (umask 077 && printf '%s\n' "$HERON_DB_PASSWORD" >"$password_file")
  pg_own "$password_file"
  as_pg "$(pg_bin initdb)" -D "$PG_DATA" -U "$HERON_DB_USER" --pwfile="$password_file" \
    --auth-local=trust --auth-host=scram-sha-256 --encoding=UTF8 --locale=C.UTF-8 \
    >"$LOG_DIR/initdb.log" 2>&1 || {
    rm -f "$password_file"
    report_failure "initdb failed" "$LOG_DIR/initdb.log"
    return 1
  }
  rm -f "$password_file"
  printf "\n# Heron's settings, rewritten by bin/heron at every start.\ninclude 'heron.conf'\n" \
    >>"$PG_DATA/postgresql.conf"
}

# Rewritten at every start, so that HERON_PG_PORT and friends may change between runs.
pg_write_config() {
  cat >"$PG_DATA/heron.conf" <<EOF
listen_addresses = '127.0.0.1'
port = $HERON_PG_PORT
unix_socket_directories = '$PG_SOCKET_DIR'
shared_preload_libraries = 'timescaledb'
timescaledb.telemetry_level = off
# Flink's JDBC sinks, the services' pools and the tests together.
max_connections = 200
# A million-contact plan or import dirties a few hundred MB of index pages: with the default
# 128 MB cache they are written out and read back during the statement, and the default 1 GB of
# WAL forces checkpoints in the middle of it.
shared_buffers = 512MB
max_wal_size = 4GB
EOF
  pg_own "$PG_DATA/heron.conf"
}

pg_start() {
  pg_paths
  local pid
  if pid=$(pg_running_pid); then
    ok "postgres already running (pid $pid, port $HERON_PG_PORT)"
    return 0
  fi
  port_open "$HERON_PG_PORT" && die "port $HERON_PG_PORT is taken by another process: set HERON_PG_PORT"
  pg_prepare_dirs
  pg_initdb
  pg_write_config
  rm -f "$PG_DATA/postmaster.pid"
  if ! as_pg "$(pg_bin pg_ctl)" -D "$PG_DATA" -l "$PG_LOG" -w -t "$START_TIMEOUT" start >/dev/null 2>&1; then
    report_failure "postgres did not start" "$PG_LOG"
    return 1
  fi
  pid=$(head -n 1 "$PG_DATA/postmaster.pid")
  printf '%s' "$pid" >"$(pid_file postgres)"
  await_healthy postgres "$pid" "$PG_LOG" "$START_TIMEOUT" pg_ready || return 1
  ok "postgres up (pid $pid, 127.0.0.1:$HERON_PG_PORT)"
  pg_prepare_database
}

pg_ready() {
  "$(pg_bin pg_isready)" -q -h "$PG_SOCKET_DIR" -p "$HERON_PG_PORT" -U "$HERON_DB_USER" -d postgres
}

# psql over the unix socket (trusted locally) with no psqlrc and stopping at the first error.
pg_sql() {
  local database=$1
  shift
  "$(pg_bin psql)" -X -q -v ON_ERROR_STOP=1 -h "$PG_SOCKET_DIR" -p "$HERON_PG_PORT" \
    -U "$HERON_DB_USER" -d "$database" "$@"
}

pg_prepare_database() {
  if [[ $(pg_sql postgres -tAc "SELECT 1 FROM pg_database WHERE datname = '$PG_DATABASE'") != 1 ]]; then
    pg_sql postgres -c "CREATE DATABASE $PG_DATABASE"
    say "  created database $PG_DATABASE"
  fi
  # Keeps the role's password in step with HERON_DB_PASSWORD, which may change after initdb.
  pg_sql "$PG_DATABASE" -v password="$HERON_DB_PASSWORD" -v user="$HERON_DB_USER" <<'SQL'
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS timescaledb;
CREATE EXTENSION IF NOT EXISTS vector;
ALTER ROLE :"user" PASSWORD :'password';
SQL
  ok "database $PG_DATABASE has $(pg_sql "$PG_DATABASE" -tAc \
    "SELECT string_agg(extname || ' ' || extversion, ', ' ORDER BY extname) FROM pg_extension WHERE extname IN ('timescaledb', 'vector')")"
}

# Applies the schema with sql's Migrate (Flyway), which reads the HERON_DB_* settings.
pg_migrate() {
  local classpath log=$LOG_DIR/migrate.log
  if ! classpath=$(module_classpath sql); then
    warn "sql/target/classpath.txt is missing: migrations skipped (build first: bin/heron setup)"
    return 0
  fi
  if ! (cd "$REPO" && java "$(home_marker)" -Dheron.component=migrate -cp "$classpath" \
    dev.heron.sql.Migrate) >"$log" 2>&1 </dev/null; then
    report_failure "migrations failed" "$log"
    return 1
  fi
  ok "migrations: $(tail -n 1 "$log")"
}

pg_stop() {
  pg_paths
  local pid
  if ! pid=$(pg_running_pid); then
    rm -f "$(pid_file postgres)"
    say "  postgres is not running"
    return 0
  fi
  if ! as_pg "$(pg_bin pg_ctl)" -D "$PG_DATA" stop -m fast -w -t 30 >/dev/null 2>&1; then
    warn "pg_ctl stop failed: killing postgres"
    kill_tree "$pid"
  fi
  wait_gone "$pid" 10 || kill_tree "$pid"
  rm -f "$(pid_file postgres)"
  ok "postgres stopped"
}

pg_status() {
  pg_paths
  local pid
  if pid=$(pg_running_pid) && pg_ready; then
    status_line postgres up "$pid" "$HERON_PG_PORT"
  elif [[ -n ${pid:-} ]]; then
    status_line postgres starting "$pid" "$HERON_PG_PORT"
  else
    status_line postgres down - "$HERON_PG_PORT"
  fi
}

cmd_psql() {
  load_settings
  pg_paths
  pg_running_pid >/dev/null || die "postgres is not running for $HERON_HOME: bin/heron up infra"
  exec "$(pg_bin psql)" -h "$PG_SOCKET_DIR" -p "$HERON_PG_PORT" -U "$HERON_DB_USER" \
    -d "$PG_DATABASE" "$@"
}
