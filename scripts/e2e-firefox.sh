#!/usr/bin/env bash
# Runs the Firefox end-to-end suite (vitest.firefox.config.ts) on the built `.output/firefox-mv2`;
# arguments go to vitest (a test file to run only that one).
#
# Firefox reads managed policy from the machine-wide /etc/firefox/policies/policies.json, which
# the policy test writes. As root, the suite runs in a private mount namespace with a tmpfs of its
# own on that folder (PRACTICES.md "Two browser suites at once"): the host's policy, if any, is
# neither seen nor changed, and nothing is left behind but the empty mount point. Without root the
# other tests run as usual and the policy test fails, saying why.
set -euo pipefail
cd "$(dirname "$0")/.."
PATH="$PWD/node_modules/.bin:$PATH"
if [ "$(id -u)" = 0 ] && command -v unshare >/dev/null; then
  mkdir -p /etc/firefox/policies
  exec unshare --mount --propagation private bash -c \
    'mount -t tmpfs tmpfs /etc/firefox/policies && exec vitest run -c vitest.firefox.config.ts "$@"' \
    bash "$@"
fi
exec vitest run -c vitest.firefox.config.ts "$@"
