#!/bin/sh
# Builds the offline test image berth-test/busybox:latest (or the tag given as $1): the host's
# statically linked busybox on an empty base, so tests need no registry. Prints the tag. Does
# nothing when the image exists. Needs a Docker engine (DOCKER_HOST or the default socket) and
# busybox-static (apt-get install -y busybox-static); BUSYBOX may point at another static binary.
#
# The image has busybox's applets in /bin (sh, httpd, nc, wget, sleep, …), a world-writable /tmp,
# /www for httpd content, and /etc/passwd with root and nobody (65534).
set -eu

TAG="${1:-berth-test/busybox:latest}"

if docker image inspect "$TAG" >/dev/null 2>&1; then
    echo "$TAG"
    exit 0
fi
if ! docker version >/dev/null 2>&1; then
    echo "no Docker engine answers at ${DOCKER_HOST:-unix:///var/run/docker.sock}: start dockerd" >&2
    exit 2
fi

BUSYBOX="${BUSYBOX:-}"
for candidate in /bin/busybox /usr/bin/busybox; do
    if [ -z "$BUSYBOX" ] && [ -x "$candidate" ]; then
        BUSYBOX="$candidate"
    fi
done
if [ -z "$BUSYBOX" ]; then
    echo "no busybox binary found: apt-get install -y busybox-static" >&2
    exit 3
fi
# an empty base has no C library, so a dynamically linked busybox cannot run there
if command -v ldd >/dev/null 2>&1 && ldd "$BUSYBOX" >/dev/null 2>&1; then
    echo "$BUSYBOX is dynamically linked: apt-get install -y busybox-static" >&2
    exit 3
fi

context="$(mktemp -d)"
trap 'rm -rf "$context"' EXIT
cp "$BUSYBOX" "$context/busybox"
cat > "$context/Dockerfile" <<'DOCKERFILE'
FROM scratch
COPY busybox /bin/busybox
RUN ["/bin/busybox", "sh", "-c", "/bin/busybox --install -s /bin && mkdir -p /tmp /www /etc && chmod 1777 /tmp && printf 'root:x:0:0:root:/root:/bin/sh\\nnobody:x:65534:65534:nobody:/nonexistent:/bin/false\\n' > /etc/passwd && printf 'root:x:0:\\nnogroup:x:65534:\\n' > /etc/group"]
DOCKERFILE
if ! output="$(docker build -q -t "$TAG" "$context" 2>&1)"; then
    echo "building $TAG failed:" >&2
    echo "$output" >&2
    exit 4
fi
echo "$TAG"
