#!/bin/sh
# The image's entrypoint. For each secret variable below, <NAME>_FILE=/path
# sets NAME to the file's content (trailing newlines removed), so that compose
# or swarm secrets mounted under /run/secrets never appear in a compose file or
# in `docker inspect`. Then it runs the command (the gateway by default) as
# PID 1 of the container, so SIGTERM reaches Node directly.
#
# Only these names are read from files: the gateway's own *_FILE settings
# (MATCH_SPEC_FILE, DEMO_KEYS_FILE, …) are paths and stay as they are.
# AUDIT_SIGNING_KEY needs no _FILE: it takes `file:<path>` itself.
set -eu

for name in DATABASE_URL REDIS_URL \
  PROJECT_APPROVAL_ACCESS_TOKEN LAND_PLANNING_API_KEY TAX_PASSWORD SOCIAL_INSURANCE_APP_SECRET \
  PROJECT_APPROVAL_WEBHOOK_SECRET LAND_PLANNING_WEBHOOK_SECRET TAX_WEBHOOK_SECRET \
  SOCIAL_INSURANCE_WEBHOOK_SECRET; do
  file=$(printenv "${name}_FILE" || true)
  [ -n "$file" ] || continue
  if [ -n "$(printenv "$name" || true)" ]; then
    echo "oncegate-entrypoint: both $name and ${name}_FILE are set; keep one" >&2
    exit 1
  fi
  if [ ! -r "$file" ]; then
    echo "oncegate-entrypoint: ${name}_FILE=$file cannot be read by uid $(id -u)" >&2
    exit 1
  fi
  value=$(cat "$file")
  export "$name=$value"
  unset "${name}_FILE"
done

exec "$@"
