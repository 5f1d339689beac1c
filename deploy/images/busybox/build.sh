#!/usr/bin/env bash
# Builds runway/busybox:local, the tiny base image of Runway's examples and test fixtures,
# without any image registry: Debian's static busybox in a folder, imported with `docker import`.
#
#   deploy/images/busybox/build.sh [image name]     (default runway/busybox:local)
set -euo pipefail

image=${1:-runway/busybox:local}
busybox=/bin/busybox

# Only Debian's busybox-static gives a /bin/busybox that runs with no libraries around it.
[[ $(dpkg-query -W -f='${Status}' busybox-static 2>/dev/null) == "install ok installed" ]] ||
  { echo "build.sh: needs Debian's busybox-static (apt-get install busybox-static)" >&2; exit 1; }

rootfs=$(mktemp -d /tmp/runway-busybox.XXXXXX)
trap 'rm -rf "$rootfs"' EXIT

mkdir -p "$rootfs"/{bin,etc,tmp,root,www,proc,sys,dev,var/tmp}
cp "$busybox" "$rootfs/bin/busybox"
# One symlink per applet (sh, ls, httpd, ...), made by busybox itself inside the folder.
chroot "$rootfs" /bin/busybox --install -s /bin

cat > "$rootfs/etc/passwd" <<'PASSWD'
root:x:0:0:root:/root:/bin/sh
nobody:x:65534:65534:nobody:/nonexistent:/bin/false
PASSWD
cat > "$rootfs/etc/group" <<'GROUP'
root:x:0:
nogroup:x:65534:
GROUP
chmod 1777 "$rootfs/tmp" "$rootfs/var/tmp"
chmod 700 "$rootfs/root"

tar -C "$rootfs" --numeric-owner --owner=0 --group=0 -c . |
  docker import -c 'CMD ["/bin/sh"]' - "$image" >/dev/null
echo "built $image ($(docker image inspect -f '{{.Size}}' "$image") bytes)"
