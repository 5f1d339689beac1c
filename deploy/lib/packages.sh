# shellcheck shell=bash
# Installs, with apt, only what this machine is missing.

# Directory holding PostgreSQL's initdb and pg_ctl ("" when they are not installed).
pg_bindir() {
  local initdb dir
  if initdb=$(command -v initdb) && command -v pg_ctl >/dev/null; then
    dirname "$(readlink -f "$initdb")"
    return 0
  fi
  for dir in $(printf '%s\n' /usr/lib/postgresql/*/bin | sort -V -r); do
    if [[ -x $dir/initdb && -x $dir/pg_ctl ]]; then echo "$dir"; return 0; fi
  done
}

dpkg_installed() {
  [[ $(dpkg-query -W -f='${Status}' "$1" 2>/dev/null) == "install ok installed" ]]
}

# The Debian packages this machine still needs, one per line.
missing_packages() {
  [[ -x /usr/sbin/dockerd ]] && command -v docker >/dev/null || echo docker.io
  command -v docker-registry >/dev/null || echo docker-registry
  # the container images (./runway images) and their stack (docker-compose.yml, checked by the tests)
  command -v debootstrap >/dev/null || echo debootstrap
  command -v docker-compose >/dev/null || echo docker-compose
  # The base image copies Debian's statically linked /bin/busybox.
  dpkg_installed busybox-static || echo busybox-static
  [[ -n $(pg_bindir) ]] || echo postgresql
  command -v curl >/dev/null || echo curl
  # the platform CA and the router's certificate (deploy/lib/tls.sh)
  command -v openssl >/dev/null || echo openssl
  command -v aws >/dev/null || echo awscli
  command -v python3 >/dev/null || echo python3
  command -v java >/dev/null || echo openjdk-17-jdk-headless
  command -v mvn >/dev/null || echo maven
  # managed runtimes' base images are Debian bookworm folders made with debootstrap
  command -v debootstrap >/dev/null || echo debootstrap
  command -v git >/dev/null || echo git
  # the web console's end-to-end test (ConsoleTest) drives Debian's headless Chromium through its driver
  command -v chromium >/dev/null || echo chromium
  command -v chromedriver >/dev/null || echo chromium-driver
  # e2e CustomDomainTest issues certificates from Debian's pebble, an ACME CA for tests, on loopback
  command -v pebble >/dev/null || echo pebble
  # pasta: the way from the host's loopback into each instance's own network namespace
  command -v pasta >/dev/null || echo passt
  return 0
}

# Installs the missing packages. Package scripts must not start daemons on their own (the
# Docker engine would come up with its default bridge, the registry with its packaged config
# on every interface, PostgreSQL on 5432): a temporary policy-rc.d forbids it, and
# daemon.json is in place before docker.io arrives.
ensure_packages() {
  local missing
  mapfile -t missing < <(missing_packages)
  if (( ${#missing[@]} == 0 )); then
    step_skip "all present"
    return 0
  fi
  info "installing: ${missing[*]}"
  [[ $EUID -eq 0 ]] || die "installing packages needs root (run ./runway as root)"
  # The engine must never start with its default bridge, not even once from a package script.
  [[ " ${missing[*]} " == *" docker.io "* ]] && docker_write_daemon_json
  local policy=/usr/sbin/policy-rc.d own_policy=false
  if [[ ! -e $policy ]]; then
    printf '#!/bin/sh\n# Written by runway while installing packages.\nexit 101\n' > "$policy"
    chmod 755 "$policy"
    own_policy=true
  fi
  local rc=0
  {
    apt-get update -q &&
      DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${missing[@]}"
  } > "$RUNWAY_HOME/logs/apt.log" 2>&1 || rc=$?
  $own_policy && rm -f "$policy"
  if (( rc != 0 )); then
    log_tail apt 30
    die "apt-get failed (full log: $RUNWAY_HOME/logs/apt.log)"
  fi
  hash -r
  step_done "installed"
}
