#!/bin/sh
# render-config.sh SRC DST: copies a read-only PBX configuration tree over DST and puts secrets
# from the environment in place of their __NAME__ placeholders. Asterisk and FreeSWITCH config
# files cannot read the environment, and the repository must never hold a real secret.
set -eu
src="$1"
dst="$2"
mkdir -p "$dst"
cp -R "$src/." "$dst/"
for name in SWITCHBOARD_AMI_SECRET SWITCHBOARD_ESL_PASSWORD SWITCHBOARD_PHONE_PASSWORD \
            SWITCHBOARD_TRUNK_USERNAME SWITCHBOARD_TRUNK_PASSWORD; do
  value=$(printenv "$name" || true)
  if [ -z "$value" ]; then
    continue
  fi
  # escape what sed's replacement would interpret: backslash, the | delimiter and &
  escaped=$(printf '%s' "$value" | sed -e 's/[\\|&]/\\&/g')
  grep -rl "__${name}__" "$dst" 2>/dev/null | while IFS= read -r f; do
    sed -i "s|__${name}__|${escaped}|g" "$f"
  done
done
if grep -rqE '__SWITCHBOARD_[A-Z_]+__' "$dst"; then
  echo "render-config: placeholders left in $dst (missing environment):" >&2
  grep -rhoE '__SWITCHBOARD_[A-Z_]+__' "$dst" | sort -u >&2
  exit 1
fi
