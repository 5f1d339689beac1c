#!/usr/bin/env bash
# Assembles the root file system of runway/debian, the base of every Runway image, from Debian
# packages with debootstrap (no image registry involved), and imports it as a one-layer image.
#
#   deploy/images/debian/build-rootfs.sh <image name>
#
# The mirror and its apt settings are the host's own (its apt sources), so the image installs
# exactly what the host can. About 2 minutes; deploy/images/build.sh only calls it when the
# image is missing or this recipe changed.
set -euo pipefail

[[ ${1:-} && $1 != -h && $1 != --help ]] || { sed -n '2,9p' "$0" | sed 's/^# \{0,1\}//'; exit 0; }
image=$1
here=$(cd "$(dirname "$0")" && pwd)

command -v debootstrap >/dev/null || { echo "build-rootfs.sh: needs debootstrap (apt-get install debootstrap)" >&2; exit 1; }

# The first URIs/deb line of the host's apt sources is the mirror debootstrap reads from.
mirror=$(awk '/^URIs:/ { print $2; exit }' /etc/apt/sources.list.d/*.sources 2>/dev/null || true)
[[ -n $mirror ]] || mirror=$(awk '$1 == "deb" { print $2; exit }' /etc/apt/sources.list 2>/dev/null || true)
[[ -n $mirror ]] || { echo "build-rootfs.sh: no Debian mirror found in /etc/apt/sources.list*" >&2; exit 1; }

rootfs=$(mktemp -d /var/tmp/runway-rootfs.XXXXXX)
trap 'rm -rf "$rootfs"' EXIT

echo "debootstrap --variant=minbase bookworm from the host's mirror ..."
debootstrap --variant=minbase --components=main bookworm "$rootfs" "$mirror" > "$rootfs.log" 2>&1 ||
  { tail -n 30 "$rootfs.log" >&2; rm -f "$rootfs.log"; exit 1; }
rm -f "$rootfs.log"

# apt inside derived images uses the host's sources and its Acquire:: settings (a snapshot
# mirror's Release file may be past its Valid-Until date).
rm -f "$rootfs/etc/apt/sources.list"
cp /etc/apt/sources.list.d/*.sources "$rootfs/etc/apt/sources.list.d/" 2>/dev/null ||
  echo "deb $mirror bookworm main" > "$rootfs/etc/apt/sources.list"
grep -h '^Acquire::Check' /etc/apt/apt.conf.d/* 2>/dev/null > "$rootfs/etc/apt/apt.conf.d/50runway-host" || true
cp "$here"/files/apt.conf "$rootfs/etc/apt/apt.conf.d/90runway"
cp "$here"/files/dpkg-excludes "$rootfs/etc/dpkg/dpkg.cfg.d/90runway-excludes"
# Package scripts never start daemons inside an image build.
install -m 755 "$here"/files/policy-rc.d "$rootfs/usr/sbin/policy-rc.d"
install -m 755 "$here"/files/runway-http-ready "$rootfs/usr/local/bin/runway-http-ready"
install -m 755 "$here"/files/runway-port-free "$rootfs/usr/local/bin/runway-port-free"
install -m 755 "$here"/files/runway-shared-secret "$rootfs/usr/local/bin/runway-shared-secret"

echo "importing as $image ..."
tar -C "$rootfs" --numeric-owner \
    --exclude='./proc/*' --exclude='./sys/*' --exclude='./dev/*' --exclude='./tmp/*' \
    --exclude='./var/cache/apt/*' --exclude='./var/lib/apt/lists/*' --exclude='./var/log/*' \
    --exclude='./usr/share/doc/*' --exclude='./usr/share/man/*' --exclude='./usr/share/info/*' \
    --exclude='./usr/share/locale/*' -c . |
  docker import -c 'ENV LANG=C.UTF-8' -c "ENV RUNWAY_BASE_RECIPE=${RUNWAY_BASE_RECIPE:-unknown}" \
      -c 'CMD ["/bin/bash"]' - "$image" >/dev/null
echo "built $image ($(docker image inspect -f '{{.Size}}' "$image") bytes)"
