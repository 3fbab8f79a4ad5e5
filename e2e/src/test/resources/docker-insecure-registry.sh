#!/usr/bin/env bash
# Adds CIDR/host "$1" to insecure-registries in /etc/docker/daemon.json (once) and makes dockerd
# reload it with SIGHUP: docker only pulls over plain HTTP from 127.0.0.0/8 unless told otherwise.
set -euo pipefail
entry="$1"
file=/etc/docker/daemon.json
if docker info --format '{{json .RegistryConfig.InsecureRegistryCIDRs}}{{json .RegistryConfig.IndexConfigs}}' | grep -qF "\"$entry\""; then
  exit 0
fi
mkdir -p /etc/docker
python3 - "$file" "$entry" <<'PY'
import json, os, sys
path, entry = sys.argv[1], sys.argv[2]
config = json.load(open(path)) if os.path.exists(path) and os.path.getsize(path) > 0 else {}
registries = config.setdefault("insecure-registries", [])
if entry not in registries:
    registries.append(entry)
with open(path + ".tmp", "w") as f:
    json.dump(config, f, indent=2)
os.replace(path + ".tmp", path)
PY
kill -HUP "$(pidof dockerd)"
for _ in $(seq 1 50); do
  if docker info --format '{{json .RegistryConfig.InsecureRegistryCIDRs}}' | grep -qF "\"$entry\""; then exit 0; fi
  sleep 0.1
done
echo "dockerd did not pick up insecure registry $entry" >&2
exit 1
