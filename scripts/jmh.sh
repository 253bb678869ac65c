#!/usr/bin/env bash
# Runs the JMH benchmarks in src/test/java/org/mosaic/bench: scripts/jmh.sh [JMH options] [benchmark regex]
# e.g. scripts/jmh.sh -f 1 -wi 3 -i 5 EnrollBench
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$here"
mvn -q -B -ntp -DskipTests test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.classpath \
  -Dmdep.includeScope=test >&2
exec java -Xmx4g -cp "target/test-classes:target/classes:$(cat target/bench.classpath)" org.openjdk.jmh.Main "$@"
