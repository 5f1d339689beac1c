#!/usr/bin/env bash
# Builds every Runway container image from Debian packages and the project's own build, with no
# image registry anywhere: see --help.
set -euo pipefail

ROOT=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/../.." && pwd)
HERE=$ROOT/deploy/images
WORK=$ROOT/target/images
SERVICES=(service-registry api-gateway deploy-worker build-worker autoscaler router)

usage() {
  cat <<'TXT'
Usage: deploy/images/build.sh [--list] [image...]

Builds Runway's images, tagged runway/<name>:<tag>; the tag is RUNWAY_VERSION when it is set (as
docker-compose.yml reads it), else the version of the root pom.xml:

  debian       Debian bookworm (debootstrap, minbase) from the host's apt mirror; the base of all
  jre          debian + Debian's openjdk-17-jre-headless
  postgres     debian + Debian's postgresql-15 (the event store)
  registry     debian + Debian's docker-registry (the platform image registry)
  kafka        jre + Kafka's jars from Maven (deploy/kafka/pom.xml), KRaft single node or cluster
  service-registry api-gateway deploy-worker build-worker autoscaler router
               jre + <module>/target/quarkus-app (build first: mvn install -DskipTests)

Nothing is pulled: the base is assembled by debootstrap and imported, every other image is
`docker build` FROM a local one (apt inside a build reads the host's mirror over the host
network). Each image carries a label dev.runway.recipe with a hash of what it is made of, and is
built again only when that changes, so a second run takes seconds. Needs root and a Docker
engine; installs debootstrap with apt when it is missing. The first run takes about 4 minutes.

An image that does not exist yet is simply built: that is the first run on every machine. The
tests build under a throw-away RUNWAY_VERSION to prove that path on every run.

Options:
  --list       print the image names and tags, build nothing
  image...     build only these (and what they are based on)
  -h, --help   this text

`./runway images` runs the Maven build when sources changed, then this script.
TXT
}

VERSION=${RUNWAY_VERSION:-$(sed -n 's:^  <version>\(.*\)</version>:\1:p' "$ROOT/pom.xml" | head -n 1)}
[[ -n $VERSION ]] || { echo "build.sh: no <version> in $ROOT/pom.xml" >&2; exit 1; }
[[ $VERSION =~ ^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$ ]] || { echo "build.sh: '$VERSION' is not a Docker tag" >&2; exit 1; }
tag() { echo "runway/$1:$VERSION"; }

STARTED=$SECONDS
say() { printf '[%3ds] %s\n' "$((SECONDS - STARTED))" "$*"; }
die() { echo "build.sh: $*" >&2; exit 1; }

# A short hash of files' contents and extra words: what an image is made of.
recipe_hash() {
  local words=$1; shift
  { printf '%s\n' "$words"; cat "$@"; } | sha256sum | cut -c1-16
}

# The hash of everything under a directory (relative names and contents).
tree_hash() {
  (cd "$1" && find . -type f -print0 | sort -z | xargs -0 sha256sum) | sha256sum | cut -c1-16
}

# The recipe label of an image, empty when the image does not exist (the first run).
label_of() {
  docker image inspect -f '{{index .Config.Labels "dev.runway.recipe"}}' "$1" 2>/dev/null || true
}

image_id() { docker image inspect -f '{{.Id}}' "$1"; }

# build_image <name> <context dir> <base image> <recipe hash>: docker build unless the image
# with that recipe exists already.
build_image() {
  local name=$1 context=$2 base=$3 recipe=$4 image log started=$SECONDS
  image=$(tag "$name")
  case $(label_of "$image") in
    "$recipe") say "$image is up to date"; return 0 ;;
    "") say "building $image (it does not exist yet) ..." ;;
    *) say "building $image (its recipe changed) ..." ;;
  esac
  log=$WORK/$name.log
  if ! DOCKER_BUILDKIT=0 docker build --network host --build-arg "BASE=$base" \
      --label "dev.runway.recipe=$recipe" --label "dev.runway.version=$VERSION" \
      "${EXTRA_BUILD_ARGS[@]}" -t "$image" "$context" > "$log" 2>&1; then
    tail -n 30 "$log" >&2
    die "building $image failed (log: $log)"
  fi
  say "built $image in $((SECONDS - started))s ($(( $(docker image inspect -f '{{.Size}}' "$image") / 1000000 )) MB)"
}
EXTRA_BUILD_ARGS=()

build_debian() {
  local image recipe have
  image=$(tag debian)
  recipe=$(recipe_hash bookworm "$HERE"/debian/build-rootfs.sh "$HERE"/debian/files/*)
  # No image yet is the normal first case: inspect fails, and so "have" stays empty.
  have=$( { docker image inspect -f '{{range .Config.Env}}{{println .}}{{end}}' "$image" 2>/dev/null || true; } |
         sed -n 's/^RUNWAY_BASE_RECIPE=//p')
  if [[ $have == "$recipe" ]]; then
    say "$image is up to date"
    return 0
  fi
  if [[ -n $have ]]; then say "$image is out of date (its recipe changed)"; else say "$image does not exist yet"; fi
  if ! command -v debootstrap >/dev/null; then
    say "installing debootstrap with apt ..."
    { apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q debootstrap; } \
      > "$WORK/apt.log" 2>&1 || { tail -n 20 "$WORK/apt.log" >&2; die "apt-get install debootstrap failed"; }
  fi
  say "building $image with debootstrap (about 2 minutes, once) ..."
  RUNWAY_BASE_RECIPE=$recipe "$HERE/debian/build-rootfs.sh" "$image" 2>&1 | sed 's/^/        /'
  (( PIPESTATUS[0] == 0 )) || die "building $image failed"
}

build_packaged() { # jre, postgres, registry: one Dockerfile (and entrypoint) on runway/debian
  local name=$1 base
  base=$(tag "${2:-debian}")
  build_image "$name" "$HERE/$name" "$base" \
    "$(recipe_hash "$(image_id "$base")" "$HERE/$name"/*)"
}

# Kafka's jars, copied from the local Maven repository (downloaded once) into the build context.
kafka_context() {
  local ctx=$WORK/kafka-context pom=$ROOT/deploy/kafka/pom.xml stamp
  stamp=$(recipe_hash jars "$pom")
  if [[ ! -f $ctx/libs/.complete || $(<"$ctx/libs/.complete") != "$stamp" ]]; then
    say "fetching Kafka's jars with Maven ..."
    rm -rf "$ctx/libs"
    mvn -B -q -f "$pom" dependency:copy-dependencies -DincludeScope=runtime \
        -DoutputDirectory="$ctx/libs" > "$WORK/kafka-jars.log" 2>&1 ||
      { tail -n 20 "$WORK/kafka-jars.log" >&2; die "could not fetch the Kafka jars"; }
    echo "$stamp" > "$ctx/libs/.complete"
  fi
  cp "$HERE"/kafka/* "$ctx/"
  # the topic list lives with the launcher's profile (deploy/lib/profile.sh)
  (source "$ROOT/deploy/lib/profile.sh" && printf '%s\n' "${RUNWAY_TOPICS[@]}") > "$ctx/topics.txt"
  # who may do what (runway-kafka-topics applies it as the launcher does): the list and its tool,
  # compiled here for Java 17 because the image's JRE cannot run a source file
  cp "$ROOT/deploy/kafka/acls.txt" "$ctx/"
  rm -rf "$ctx/classes"
  mkdir -p "$ctx/classes"
  javac --release 17 -nowarn -cp "$ctx/libs/*" -d "$ctx/classes" "$ROOT/deploy/kafka/KafkaAccess.java" \
      > "$WORK/kafka-access.log" 2>&1 || { cat "$WORK/kafka-access.log" >&2; die "could not compile deploy/kafka/KafkaAccess.java"; }
}

build_kafka() {
  local ctx=$WORK/kafka-context base
  kafka_context
  base=$(tag jre)
  build_image kafka "$ctx" "$base" \
    "$(recipe_hash "$(image_id "$base")" "$ctx"/libs/.complete "$ctx"/*.sh "$ctx"/*.properties "$ctx"/topics.txt \
        "$ctx"/acls.txt "$ROOT"/deploy/kafka/KafkaAccess.java "$ctx"/Dockerfile)"
}

port_vars() {
  case "$1" in
    service-registry) echo RUNWAY_SERVICE_REGISTRY_PORT ;;
    api-gateway)      echo RUNWAY_API_GATEWAY_PORT ;;
    deploy-worker)    echo RUNWAY_DEPLOY_WORKER_PORT ;;
    build-worker)     echo RUNWAY_BUILD_WORKER_PORT ;;
    autoscaler)       echo RUNWAY_AUTOSCALER_PORT ;;
    router)           echo "RUNWAY_ROUTER_ADMIN_PORT RUNWAY_ROUTER_PORT RUNWAY_ROUTER_TLS_PORT" ;;
  esac
}

build_service() {
  local m=$1 app=$ROOT/$1/target/quarkus-app ctx base
  [[ -f $app/quarkus-run.jar ]] ||
    die "$m is not built ($app/quarkus-run.jar is missing): run mvn install -DskipTests, or ./runway images"
  ctx=$WORK/$m-context
  rm -rf "$ctx"
  mkdir -p "$ctx"
  # hard links: the build context costs no copy
  cp -al "$app" "$ctx/quarkus-app" 2>/dev/null || cp -a "$app" "$ctx/quarkus-app"
  cp "$HERE"/service/* "$ctx/"
  # the platform CA's recipe, which the compose stack's one-shot platform-tls runs (platform-tls.sh)
  cp "$ROOT"/deploy/lib/tls.sh "$ctx/"
  base=$(tag jre)
  EXTRA_BUILD_ARGS=(--build-arg "SERVICE=$m" --build-arg "PORT_VARS=$(port_vars "$m")")
  build_image "$m" "$ctx" "$base" \
    "$(recipe_hash "$(image_id "$base") $m $(tree_hash "$ctx/quarkus-app")" "$HERE"/service/* "$ctx"/tls.sh)"
  EXTRA_BUILD_ARGS=()
  rm -rf "$ctx"
}

ALL=(debian jre postgres registry kafka "${SERVICES[@]}")

main() {
  local wanted=() arg name
  for arg in "$@"; do
    case "$arg" in
      -h|--help) usage; return 0 ;;
      --list) for name in "${ALL[@]}"; do tag "$name"; done; return 0 ;;
      -*) die "unknown option $arg (see --help)" ;;
      *) [[ " ${ALL[*]} " == *" $arg "* ]] || die "unknown image '$arg'; images: ${ALL[*]}"
         wanted+=("$arg") ;;
    esac
  done
  (( ${#wanted[@]} > 0 )) || wanted=("${ALL[@]}")
  [[ $EUID -eq 0 ]] || die "needs root (debootstrap, docker)"
  timeout 10 docker info >/dev/null 2>&1 || die "no Docker engine answers (./runway up starts one)"
  mkdir -p "$WORK"

  # What each wanted image stands on is built (or found up to date) first.
  local need=" ${wanted[*]} "
  for name in "${wanted[@]}"; do
    case "$name" in
      debian) ;;
      jre|postgres|registry) need+=" debian " ;;
      *) need+=" debian jre " ;;
    esac
  done
  for name in "${ALL[@]}"; do
    [[ $need == *" $name "* ]] || continue
    case "$name" in
      debian) build_debian ;;
      jre|postgres|registry) build_packaged "$name" ;;
      kafka) build_kafka ;;
      *) build_service "$name" ;;
    esac
  done
  say "done: $(for name in "${ALL[@]}"; do [[ $need == *" $name "* ]] && printf '%s ' "$(tag "$name")"; done)"
}

main "$@"
