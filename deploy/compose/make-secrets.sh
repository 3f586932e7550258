#!/bin/sh
# Makes the compose pilot's secrets in deploy/compose/secrets/ (never committed):
#
#   db_root_password, db_password   random, for MySQL (read by the mysql container)
#   database_url                    mysql://oncegate:<db_password>@mysql:3306/oncegate
#   audit-signing.key / .pub.pem    Ed25519 key pair from `oncegate audit keygen`
#
# Existing files are kept, so running it again changes nothing. The files the
# gateway reads (database_url, audit-signing.key) are given to uid 10001, the
# image's user, through a throw-away container (no sudo needed; works with
# rootless Docker too). Needs the image: ONCEGATE_IMAGE (default oncegate:latest).
set -eu

IMAGE=${ONCEGATE_IMAGE:-oncegate:latest}
DIR=$(cd "$(dirname "$0")" && pwd)/secrets
mkdir -p "$DIR"
chmod 700 "$DIR"
umask 077

random_hex() { od -An -N24 -tx1 /dev/urandom | tr -d ' \n'; }

if ! docker image inspect "$IMAGE" >/dev/null 2>&1; then
  echo "make-secrets: image $IMAGE not found; build it (docker build -f deploy/Dockerfile -t $IMAGE .) or docker load it first" >&2
  exit 1
fi

[ -s "$DIR/db_root_password" ] || { random_hex >"$DIR/db_root_password"; echo "made db_root_password"; }
[ -s "$DIR/db_password" ] || { random_hex >"$DIR/db_password"; echo "made db_password"; }
if [ ! -s "$DIR/database_url" ]; then
  # Hex passwords need no URL escaping.
  printf 'mysql://oncegate:%s@mysql:3306/oncegate' "$(cat "$DIR/db_password")" >"$DIR/database_url"
  echo "made database_url"
fi
if [ ! -s "$DIR/audit-signing.key" ]; then
  docker run --rm --user 0 --network none -v "$DIR:/secrets" "$IMAGE" \
    node dist/apps/cli/src/main.js audit keygen --out-dir /secrets
fi

# The gateway (uid 10001) must read these two; they stay mode 0600.
docker run --rm --user 0 --network none -v "$DIR:/secrets" "$IMAGE" \
  sh -c 'chown 10001:10001 /secrets/database_url /secrets/audit-signing.key &&
         chmod 0600 /secrets/database_url /secrets/audit-signing.key &&
         chmod 0644 /secrets/audit-signing.pub.pem'

echo "Secrets are in $DIR. Give audit-signing.pub.pem to the auditors; keep a copy of it."
