#!/usr/bin/env bash
# Regenerate cases.jsonl.gz: generate the cases, then let Docker's own code (see oracle/main.go) say
# what a BuildKit build sends for each. Needs Go and Debian's Go packages, offline:
#   apt-get install -y golang-go golang-github-moby-patternmatcher-dev golang-github-docker-docker-dev
# (the last one carries BuildKit's dockerignore package). The test suite reads the table only.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
seed="${1:-12}"
count="${2:-4000}"
build="$(mktemp -d)"
trap 'rm -rf "$build"' EXIT
GO111MODULE=off GOPATH=/usr/share/gocode GOFLAGS= GOCACHE="$build/cache" go build -o "$build/oracle" ./oracle
python3 generate_cases.py --seed "$seed" --count "$count" | "$build/oracle" 2>/dev/null | gzip -9n > cases.jsonl.gz
echo "cases.jsonl.gz: $(gzip -dc cases.jsonl.gz | wc -l) cases (seed $seed)"
