#!/usr/bin/env bash
# Measures corpus loading at scale: generates a prose file (1 GB by default) with
# `corpus generate`, loads it at character level twice with -Xmx3g (first: one streaming pass
# then the cache entry written in the background; second: from the cache) and reports MB/s,
# seconds and peak Java heap.
# The file and its cache entry are deleted afterwards.
#
#   scripts/bench-corpus.sh [BYTES] [LEVEL]     e.g. scripts/bench-corpus.sh 1000000000 char
#
# Peak heap is read from the GC log: heap use only grows between collections, so the peak is the
# largest "before" figure of a collection or the use at exit.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
size="${1:-1000000000}"
level="${2:-char}"
work="$(mktemp -d /tmp/lstmsh-bench.XXXXXX)"
file="$work/corpus.txt"
trap 'rm -rf "$work"' EXIT

jar="$root/target/lstmsh.jar"
if [ ! -f "$jar" ] || [ -n "$(find "$root/pom.xml" "$root/src/main" -newer "$jar" -print -quit)" ]; then
  (cd "$root" && mvn -B -q -ntp -Dstyle.color=never package -DskipTests) >&2
fi

lstmsh() {  # lstmsh GCLOG COMMANDS
  java -Xmx3g -Dlstmsh.cache="$work/cache" "-Xlog:gc,gc+heap+exit:file=$1" -Dfile.encoding=UTF-8 \
    -jar "$jar" -c "$2"
}

peak_heap_mb() {  # the largest heap use in a GC log, in MB
  awk '
    /Pause|Concurrent/ && match($0, /[0-9]+M->[0-9]+M/) { split(substr($0, RSTART, RLENGTH), a, "M->"); if (a[1] + 0 > peak) peak = a[1] + 0 }
    /garbage-first heap/ && match($0, /used [0-9]+K/) { u = substr($0, RSTART + 5, RLENGTH - 6) / 1024; if (u > peak) peak = u }
    END { printf "%.0f", peak }' "$1"
}

echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
start=$(date +%s.%N)
lstmsh "$work/gen.log" "corpus generate $file --chars $size --seed 1" | tail -1
echo "generated in $(echo "$(date +%s.%N) - $start" | bc) s; $(stat -c %s "$file") bytes"

for run in first cached; do
  start=$(date +%s.%N)
  out="$(lstmsh "$work/$run.log" "corpus load $file --level $level")"
  wall=$(echo "$(date +%s.%N) - $start" | bc)
  echo "--- $run load (whole process: ${wall} s, with JVM start-up and, the first time, finishing the cache write)"
  echo "$out" | grep -v '^reading\|^indexing'
  echo "peak heap: $(peak_heap_mb "$work/$run.log") MB"
done
echo "machine after: load average $(cut -d' ' -f1-3 /proc/loadavg)"
