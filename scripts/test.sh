#!/usr/bin/env bash
# Runs Quarry's tests with a JDK >= 25. Default: the fast suite (under 15 minutes on 2 cores).
#   scripts/test.sh          the default suite
#   scripts/test.sh --slow   only the suites tagged "slow" (long end-to-end runs and benchmarks)
# Extra arguments go to Maven, e.g. scripts/test.sh -pl featurize -Dtest=CsvReaderTest
set -euo pipefail
root=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)
. "$root/scripts/find-jdk.sh"
JAVA_HOME=$(quarry_java_home)
export JAVA_HOME
profile=()
if [ "${1:-}" = "--slow" ]; then profile=(-Pslow); shift; fi
cd "$root"
exec mvn -B -ntp "${profile[@]}" install "$@"
