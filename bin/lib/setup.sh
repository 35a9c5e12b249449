# shellcheck shell=bash
# `bin/heron setup`: installs what is missing from Debian packages, builds TimescaleDB and
# pgvector from Debian's source packages when the installed PostgreSQL has no binary package for
# them, then builds the Maven project. Safe to run again: it only acts on what is missing.

# The suite whose source packages provide TimescaleDB and pgvector when the system has none.
NATIVE_SOURCE_SUITE=trixie
NATIVE_BUILD_DIR=$REPO/.heron/build/native

APT_LISTS_FRESH=

cmd_setup() {
  local build=1
  while (($#)); do
    case $1 in
      --no-build) build= ;;
      *) die "setup: unknown option '$1' (see bin/heron help)" ;;
    esac
    shift
  done

  step "Packages"
  ensure_packages
  step "PostgreSQL extensions for PostgreSQL $(pg_major)"
  ensure_extensions
  if [[ -n $build ]]; then
    step "Building Heron (mvn -B -q -DskipTests package)"
    (cd "$REPO" && mvn -B -q -DskipTests package) || die "the Maven build failed (see above)"
    ok "built"
  else
    ok "skipping the Maven build (--no-build)"
  fi
}

# --- Debian packages ------------------------------------------------------------------------

package_installed() {
  [[ $(dpkg-query -W -f='${Status}' "$1" 2>/dev/null) == "install ok installed" ]]
}

package_available() {
  [[ -n $(apt-cache show --no-all-versions "$1" 2>/dev/null) ]]
}

apt_update_once() {
  [[ -n $APT_LISTS_FRESH ]] && return 0
  say "  apt-get update"
  as_root apt-get update -qq
  APT_LISTS_FRESH=1
}

apt_install() {
  say "  apt-get install $*"
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@"
}

# The highest PostgreSQL major with a server installed, or nothing.
pg_major() {
  local dir
  for dir in /usr/lib/postgresql/*/bin/postgres; do
    [[ -x $dir ]] && basename "$(dirname "$(dirname "$dir")")"
  done | sort -n | tail -n 1
}

# The major to install when no PostgreSQL server is present: 15 when the archive has it (Heron is
# developed on it), else whatever Debian's default `postgresql` package depends on.
pg_major_to_install() {
  if package_available postgresql-15; then
    echo 15
  else
    apt-cache depends postgresql 2>/dev/null | sed -n 's/.*Depends: postgresql-\([0-9][0-9]*\)$/\1/p' |
      head -n 1
  fi
}

java_major() {
  command -v javac >/dev/null || return 0
  javac -version 2>&1 | sed -n 's/^javac \([0-9][0-9]*\).*/\1/p'
}

ensure_packages() {
  local major missing=() package
  major=$(pg_major)
  # chromium, its driver and a font: the dashboards' browser tests (e2e, dev.heron.e2e.ui).
  # wrk: the HTTP load of the open-pixel benchmark (bin/heron bench pixel).
  local wanted=(build-essential cmake libssl-dev dpkg-dev maven curl chromium chromium-driver fonts-dejavu-core wrk)
  if [[ -n $major ]]; then
    wanted+=("postgresql-$major" "postgresql-server-dev-$major")
  fi
  for package in "${wanted[@]}"; do
    package_installed "$package" || missing+=("$package")
  done
  if [[ -z $major ]]; then
    apt_update_once
    major=$(pg_major_to_install)
    [[ -n $major ]] || die "no PostgreSQL server package found in the configured apt sources"
    missing+=("postgresql-$major" "postgresql-server-dev-$major")
  fi
  local java
  java=$(java_major)
  if ((${java:-0} < 17)); then
    missing+=(openjdk-17-jdk-headless)
  fi

  if ((${#missing[@]} == 0)); then
    ok "installed: ${wanted[*]}"
    return 0
  fi
  apt_update_once
  apt_install "${missing[@]}"
  ok "installed ${missing[*]}"
}

# --- TimescaleDB and pgvector ---------------------------------------------------------------

pg_config_path() { printf '/usr/lib/postgresql/%s/bin/pg_config' "$(pg_major)"; }

extension_installed() {
  [[ -f "$("$(pg_config_path)" --sharedir)/extension/$1.control" ]]
}

# The first of the given binary packages the configured apt sources offer.
first_available_package() {
  local package
  for package in "$@"; do
    if package_available "$package"; then
      printf '%s' "$package"
      return 0
    fi
  done
  return 1
}

ensure_extensions() {
  local major to_build=() package
  major=$(pg_major)
  [[ -x $(pg_config_path) ]] || die "$(pg_config_path) is missing: install postgresql-server-dev-$major"

  if [[ -n ${HERON_FORCE_NATIVE_BUILD:-} ]]; then
    warn "HERON_FORCE_NATIVE_BUILD is set: building both from source"
    build_native_extensions
    return 0
  fi

  local extension
  for extension in timescaledb vector; do
    if extension_installed "$extension"; then
      ok "$extension is installed"
      continue
    fi
    apt_update_once
    if [[ $extension == timescaledb ]]; then
      package=$(first_available_package "postgresql-$major-timescaledb" \
        "timescaledb-2-postgresql-$major") || package=
    else
      package=$(first_available_package "postgresql-$major-pgvector") || package=
    fi
    if [[ -n $package ]]; then
      apt_install "$package"
    else
      to_build+=("$extension")
    fi
  done
  ((${#to_build[@]} == 0)) || build_native_extensions
  for extension in timescaledb vector; do
    extension_installed "$extension" || die "$extension is still not installed for PostgreSQL $major"
  done
}

# The archive's URI for the system's own suite, read from the system's apt sources (deb822 files
# first, then the one-line format), so that no mirror is ever written down here.
debian_archive_uri() {
  local codename uri file
  codename=$(. /etc/os-release && printf '%s' "${VERSION_CODENAME:-}")
  [[ -n $codename ]] || die "cannot tell the Debian codename from /etc/os-release"
  for file in /etc/apt/sources.list.d/*.sources; do
    [[ -f $file ]] || continue
    uri=$(awk -v codename="$codename" '
      BEGIN { RS = ""; FS = "\n" }
      {
        uris = ""; suites = ""; enabled = 1
        for (i = 1; i <= NF; i++) {
          line = $i
          if (line ~ /^URIs:/) { sub(/^URIs:[ \t]*/, "", line); uris = line }
          else if (line ~ /^Suites:/) { sub(/^Suites:[ \t]*/, "", line); suites = line }
          else if (line ~ /^Enabled:[ \t]*[Nn]o/) enabled = 0
        }
        n = split(suites, suite, /[ \t]+/)
        for (j = 1; j <= n; j++) {
          if (enabled && suite[j] == codename) { split(uris, uri, /[ \t]+/); print uri[1]; exit }
        }
      }' "$file")
    if [[ -n $uri ]]; then
      printf '%s' "$uri"
      return 0
    fi
  done
  if [[ -f /etc/apt/sources.list ]]; then
    uri=$(sed -e 's/#.*//' -e 's/\[[^]]*\]//' /etc/apt/sources.list |
      awk -v codename="$codename" '$1 == "deb" && $3 == codename { print $2; exit }')
    if [[ -n $uri ]]; then
      printf '%s' "$uri"
      return 0
    fi
  fi
  die "no apt source for suite '$codename' in /etc/apt/sources.list.d/*.sources or /etc/apt/sources.list"
}

# Builds pgvector and TimescaleDB (Apache-licensed part) from the source packages of
# $NATIVE_SOURCE_SUITE. A private apt configuration adds only that deb-src line: the system's
# sources, lists and pinning are left untouched.
build_native_extensions() {
  local work=$NATIVE_BUILD_DIR pg_config uri
  pg_config=$(pg_config_path)
  uri=$(debian_archive_uri)
  say "  building from $NATIVE_SOURCE_SUITE source packages in ${work#"$REPO"/}"
  rm -rf "$work"
  mkdir -p "$work/lists/partial" "$work/cache/archives/partial"
  printf 'deb-src [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] %s %s main\n' \
    "$uri" "$NATIVE_SOURCE_SUITE" >"$work/sources.list"
  local private_apt=(-o "Dir::Etc::sourcelist=$work/sources.list" -o Dir::Etc::sourceparts=-
    -o "Dir::State::Lists=$work/lists" -o "Dir::Cache=$work/cache" -o APT::Sandbox::User=root)

  (
    cd "$work" || exit
    say "  apt-get update (private: deb-src $NATIVE_SOURCE_SUITE only)"
    apt-get -qq "${private_apt[@]}" update
    say "  apt-get source --download-only pgvector timescaledb"
    apt-get -qq "${private_apt[@]}" source --download-only pgvector timescaledb >/dev/null
    local tarball
    for tarball in pgvector_*.orig.tar.* timescaledb_*.orig.tar.*; do
      [[ -f $tarball ]] || die "source download gave no $tarball"
      tar -xf "$tarball"
    done

    local source_dir
    source_dir=$(first_dir pgvector-*)
    say "  building ${source_dir}"
    make -s -C "$source_dir" -j "$(nproc)" PG_CONFIG="$pg_config" >"$work/pgvector-build.log" 2>&1 ||
      build_failed "$work/pgvector-build.log"
    unlink_libraries vector.so
    as_root make -s -C "$source_dir" install PG_CONFIG="$pg_config" >>"$work/pgvector-build.log" 2>&1 ||
      build_failed "$work/pgvector-build.log"

    source_dir=$(first_dir timescaledb-*)
    say "  building ${source_dir} (Apache-licensed edition)"
    (
      cd "$source_dir"
      ./bootstrap -DAPACHE_ONLY=ON -DREGRESS_CHECKS=OFF -DTAP_CHECKS=OFF \
        -DWARNINGS_AS_ERRORS=OFF -DPG_CONFIG="$pg_config" &&
        make -C build -j "$(nproc)" &&
        unlink_libraries 'timescaledb*.so' &&
        as_root make -C build install
    ) >"$work/timescaledb-build.log" 2>&1 || build_failed "$work/timescaledb-build.log"
  )
  ok "built and installed pgvector and TimescaleDB into $("$pg_config" --pkglibdir)"
}

# Removes installed shared libraries before an install replaces them. A running server has them
# mapped: unlinking keeps its copy intact, while an install that rewrites a file in place (CMake's
# does) would crash it.
unlink_libraries() {
  local pkglibdir
  pkglibdir=$("$(pg_config_path)" --pkglibdir)
  as_root find "$pkglibdir" -maxdepth 1 -name "$1" -delete
}

first_dir() {
  local dir
  for dir in "$@"; do
    if [[ -d $dir ]]; then
      printf '%s' "$dir"
      return 0
    fi
  done
  die "no directory matches $*"
}

build_failed() {
  report_failure "native build failed" "$1"
  exit 1
}
