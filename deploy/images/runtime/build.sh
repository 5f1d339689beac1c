#!/usr/bin/env bash
# Builds a managed-runtime base image for source-code services without any image registry:
# Debian bookworm (minbase) with the language packages, made with debootstrap from the machine's
# own apt mirror, trimmed, and imported with `docker import`. The tag carries a hash of this
# script, so an image is rebuilt only when its recipe changes; an existing one is reused.
#
#   deploy/images/runtime/build.sh <recipe>        recipes: base (Python 3.11, Node.js 18, OpenJDK 17), go (Go 1.19)
#   deploy/images/runtime/build.sh --tag <recipe>  print the image name the recipe builds, and exit
#   deploy/images/runtime/build.sh --help
set -euo pipefail

usage() { sed -n '2,10p' "$0" | sed 's/^# \{0,1\}//'; }

[[ ${1:-} == -h || ${1:-} == --help || $# -eq 0 ]] && { usage; exit 0; }
tag_only=false
if [[ $1 == --tag ]]; then tag_only=true; shift; fi
recipe=${1:?recipe}

case "$recipe" in
  # javac for Java builds; no npm (it pulls hundreds of packages): Node apps use node itself
  base) packages=python3,python3-venv,nodejs,openjdk-17-jdk-headless,ca-certificates ;;
  go)   packages=golang-1.19-go,ca-certificates ;;
  *) echo "build.sh: unknown recipe '$recipe' (base, go)" >&2; exit 2 ;;
esac

# the tag follows what goes into the image, not this script's comments
hash=$(echo "bookworm $packages trim-v1" | sha256sum | cut -c1-12)
image="runway/runtime-$recipe:$hash"
if $tag_only; then echo "$image"; exit 0; fi

if docker image inspect "$image" >/dev/null 2>&1; then
  echo "$image is there already"
  exit 0
fi
command -v debootstrap >/dev/null || { echo "build.sh: needs debootstrap (apt-get install debootstrap)" >&2; exit 1; }

# The mirror this machine's apt uses: the first URIs line of its Debian sources.
mirror=$(grep -h '^URIs:' /etc/apt/sources.list.d/*.sources 2>/dev/null | awk '{print $2}' | grep -v security | head -1 || true)
[[ -n $mirror ]] || mirror=$(awk '$1=="deb"{print $2; exit}' /etc/apt/sources.list 2>/dev/null || true)
[[ -n $mirror ]] || { echo "build.sh: no Debian mirror found in the apt sources" >&2; exit 1; }

# Two builds of one recipe at once (two workers, two profiles) would waste minutes: one waits.
exec 9>"/tmp/runway-runtime-$recipe.lock"
flock 9
if docker image inspect "$image" >/dev/null 2>&1; then echo "$image is there already"; exit 0; fi

rootfs=$(mktemp -d "/tmp/runway-runtime-$recipe.XXXXXX")
trap 'rm -rf "$rootfs"' EXIT
started=$SECONDS
echo "building $image: debootstrap bookworm with $packages (a few minutes, once) ..."
debootstrap --variant=minbase --include="$packages" bookworm "$rootfs" "$mirror" > "$rootfs.log" 2>&1 ||
  { tail -20 "$rootfs.log" >&2; rm -f "$rootfs.log"; exit 1; }
rm -f "$rootfs.log"
mkdir -p "$rootfs/app"
[[ $recipe == go ]] && ln -sf /usr/lib/go-1.19/bin/go "$rootfs/usr/bin/go"
echo "importing $image ($((SECONDS - started)) s so far) ..."
tar -C "$rootfs" --numeric-owner \
  --exclude=./var/cache/apt --exclude=./var/lib/apt/lists --exclude=./usr/share/doc \
  --exclude=./usr/share/man --exclude=./usr/share/locale --exclude=./usr/share/info \
  --exclude=./proc --exclude=./sys --exclude=./dev -c . |
  docker import -c 'WORKDIR /app' -c 'ENV LANG=C.UTF-8' -c 'CMD ["/bin/sh"]' - "$image" >/dev/null
echo "built $image in $((SECONDS - started)) s ($(docker image inspect -f '{{.Size}}' "$image") bytes)"
