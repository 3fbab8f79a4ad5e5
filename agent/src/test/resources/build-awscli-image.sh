#!/bin/sh
# Builds the offline test image berth-test/awscli:<hash>: the host's own AWS CLI (v1, a Python
# program) with just enough of its Python to run it, on an empty base, so a task container can run an
# unmodified `aws` without any registry. Prints the tag on stdout as its last line and what it does on
# stderr. Does nothing when the image exists. The hash covers the CLI, botocore and Python versions
# and this script, so a change of either builds a new image.
#
# The image holds, at their host paths: the Python prefix of the CLI (its interpreter, libpython,
# the standard library without its tests, IDLE, tkinter, ensurepip, lib2to3 and static library, and
# in site-packages only the CLI and its dependencies), the shared libraries that `ldd` lists for the
# interpreter and its extension modules, the dynamic loader, /etc/passwd, /etc/group, a
# world-writable /tmp and busybox's applets in /bin (sh, cat, grep…). PATH puts the CLI first.
#
# Needs a Docker engine, GNU tar, ldd, busybox-static and the aws CLI v1 (`aws` on PATH, a pyenv shim
# is resolved; AWS_CLI may name the script instead).
set -eu

say() { echo "build-awscli-image: $*" >&2; }
die() { say "$2"; exit "$1"; }

# the top-level modules the CLI imports from site-packages (found by running it with every import
# traced); their distributions' metadata comes along, since the CLI reads versions from it
MODULES="awscli botocore s3transfer jmespath dateutil six urllib3 docutils yaml _yaml colorama rsa pyasn1 certifi"

# --- the CLI and its interpreter ---------------------------------------------------------------
interpreter_of() {
    line="$(head -n 1 "$1" 2>/dev/null || true)"
    case "$line" in
        '#!'*env\ *) command -v "$(echo "${line#??}" | awk '{print $2}')" || true ;;
        '#!'*) echo "${line#??}" | awk '{print $1}' ;;
    esac
}
# the CLI v1 (which honours AWS_ENDPOINT_URL): AWS_CLI, the aws on PATH, what a pyenv shim runs, or
# any pyenv version's; Debian's v2 at /usr/bin/aws does not qualify
candidates="${AWS_CLI:-} $(command -v aws || true)"
command -v pyenv >/dev/null 2>&1 && candidates="$candidates $(pyenv which aws 2>/dev/null || true)"
candidates="$candidates $(ls -d "${PYENV_ROOT:-$HOME/.pyenv}"/versions/*/bin/aws /root/.pyenv/versions/*/bin/aws 2>/dev/null || true)"
cli=""; python=""
for candidate in $candidates; do
    [ -f "$candidate" ] || continue
    interpreter="$(interpreter_of "$candidate")"
    case "$interpreter" in *python*) ;; *) continue ;; esac
    if "$interpreter" -c 'import awscli, sys; sys.exit(0 if awscli.__version__.startswith("1.") else 1)' 2>/dev/null; then
        cli="$candidate"; python="$interpreter"; break
    fi
done
[ -n "$cli" ] || die 3 "no aws CLI v1 found (looked at:$candidates); set AWS_CLI to its script"
say "CLI $cli run by $python"

# version line, stdlib, and the files of each module and of its distribution (dist-info)
facts="$("$python" - $MODULES <<'PY'
import importlib.metadata as md, importlib.util, os, sys, sysconfig
import awscli, botocore
print("awscli %s botocore %s python %s %s" % (awscli.__version__, botocore.__version__,
                                             sys.version.split()[0], sys.executable))
print(sysconfig.get_paths()["stdlib"])
site = os.path.dirname(os.path.dirname(awscli.__file__))
owners = md.packages_distributions()
for name in sys.argv[1:]:
    spec = importlib.util.find_spec(name)
    if spec is None or spec.origin is None and not spec.submodule_search_locations:
        sys.exit("module %s is not installed for %s" % (name, sys.executable))
    print(list(spec.submodule_search_locations)[0] if spec.submodule_search_locations else spec.origin)
    for dist in owners.get(name, []):
        path = getattr(md.distribution(dist), "_path", None)
        if path is not None and str(path).startswith(site):
            print(path)
PY
)" || die 3 "$python cannot run the CLI's modules"
version="$(echo "$facts" | sed -n 1p)"
stdlib="$(echo "$facts" | sed -n 2p)"
modules="$(echo "$facts" | sed -n '3,$p' | sort -u)"

hash="$( (echo "$version"; cat "$0") | sha256sum | cut -c1-12)"
TAG="berth-test/awscli:$hash"
if docker image inspect "$TAG" >/dev/null 2>&1; then
    echo "$TAG"
    exit 0
fi
docker version >/dev/null 2>&1 || die 2 "no Docker engine answers at ${DOCKER_HOST:-unix:///var/run/docker.sock}: start dockerd"
say "building $TAG for $version"

# --- busybox, /etc, /tmp in a small staging tree ----------------------------------------------
busybox=""
for candidate in /bin/busybox /usr/bin/busybox; do
    if [ -z "$busybox" ] && [ -x "$candidate" ]; then
        busybox="$candidate"
    fi
done
[ -n "$busybox" ] || die 3 "no busybox binary found: apt-get install -y busybox-static"
if ldd "$busybox" >/dev/null 2>&1; then
    die 3 "$busybox is dynamically linked: apt-get install -y busybox-static"
fi
stage="$(mktemp -d)"
trap 'rm -rf "$stage"' EXIT
mkdir -p "$stage/bin" "$stage/etc" "$stage/tmp" "$stage/root"
chmod 1777 "$stage/tmp"
cp "$busybox" "$stage/bin/busybox"
# hard links, so that tar stores each applet as a link to the one binary
"$python" -c 'import os, sys
for applet in sys.argv[2:]:
    if applet != "busybox":
        os.link(os.path.join(sys.argv[1], "busybox"), os.path.join(sys.argv[1], applet))' \
    "$stage/bin" $("$busybox" --list)
printf 'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/nonexistent:/bin/false\n' > "$stage/etc/passwd"
printf 'root:x:0:\nnogroup:x:65534:\n' > "$stage/etc/group"
printf 'passwd: files\ngroup: files\nhosts: files dns\n' > "$stage/etc/nsswitch.conf"

# --- the host files: Python prefix parts and shared libraries ----------------------------------
list="$stage.files"
trap 'rm -rf "$stage" "$list"' EXIT
real_python="$(readlink -f "$python")"
{
    echo "$cli"
    echo "$python"
    echo "$real_python"
    find "$stdlib" -mindepth 1 -maxdepth 1 ! -name site-packages ! -name test ! -name idlelib \
        ! -name tkinter ! -name turtledemo ! -name ensurepip ! -name lib2to3 ! -name 'config-*' ! -name lib-dynload
    find "$stdlib/lib-dynload" -mindepth 1 ! -name '_tkinter*'
    echo "$modules"
} > "$list"
libraries="$(
    {
        echo "$real_python"
        find "$stdlib/lib-dynload" -name '*.so' ! -name '_tkinter*'
        echo "$modules" | while read -r m; do
            if [ -d "$m" ]; then find "$m" -name '*.so'; fi
        done
    } | while read -r binary; do
        ldd "$binary" | awk '$2 == "=>" && $3 ~ /^\// {print $3} $1 ~ /^\// {print $1}'
    done | sort -u)"
echo "$libraries" >> "$list"
sed -i 's|^/||' "$list"
say "$(wc -l < "$list") paths from the host, $(echo "$libraries" | wc -l) of them shared libraries from ldd"

say "docker import (tar of the staging tree and the host paths, symlinks resolved)"
# -h stores what symlinks point at (lib -> usr/lib, libz.so.1 -> libz.so.1.2.13, python -> python3.11);
# busybox's applets stay hard links to one file
if ! output="$(tar -c -h --numeric-owner --owner=0 --group=0 \
        -f - -C "$stage" bin etc tmp root -C / -T "$list" \
    | docker import --change "ENV PATH=$(dirname "$cli"):/bin" --change 'CMD ["/bin/sh"]' - "$TAG" 2>&1)"; then
    say "docker import failed: $output"
    exit 4
fi

# a broken image must not stay behind under a tag that says it is ready
if ! output="$(docker run --rm --network none "$TAG" aws --version 2>&1)"; then
    docker rmi -f "$TAG" >/dev/null 2>&1 || true
    die 4 "the aws CLI does not run in $TAG: $output"
fi
# images of an earlier CLI version or builder are dead weight; one still in use stays
docker image ls --format '{{.Repository}}:{{.Tag}}' "${TAG%%:*}" | grep -vxF "$TAG" | while read -r stale; do
    docker rmi "$stale" >/dev/null 2>&1 && say "removed $stale" || true
done
say "$output; $(docker image inspect --format '{{.Size}}' "$TAG" | awk '{printf "%.0f MB", $1 / 1000000}')"
echo "$TAG"
