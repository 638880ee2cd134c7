#!/usr/bin/env bash
# The learning benchmark of issue 15: how far `fit` gets in 2, 5 and 10 minutes against the
# quickstart's hand-picked settings given the same minutes, on three ~1 MB texts: the bundled
# corpora/tales.txt, documentation found on this machine (manual pages rendered to text) and source code
# (the Python standard library). Prints one table row per corpus and budget: fit's choice,
# validation loss in nats and bits, the quickstart's, the best n-gram (its order) and the unigram.
#
#   scripts/bench-learning.sh [SCALE [MINUTES...]]
#       SCALE multiplies every budget (default 1: about 105 minutes; 0.05 smoke-tests the script in
#       about 6 minutes). MINUTES replace the budgets 2 5 10; LEARNING_CORPORA="tales code" runs
#       only those corpora (default: tales docs code).
#
# Every run is one process on an otherwise idle machine: the figures are only as steady as the load.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
scale="${1:-1}"
shift || true
[ $# -gt 0 ] && budgets=("$@") || budgets=(2 5 10)
corpora="${LEARNING_CORPORA:-tales docs code}"
work="$(mktemp -d /tmp/lstmsh-learning.XXXXXX)"
trap 'rm -rf "$work"' EXIT

jar="$root/target/lstmsh.jar"
if [ ! -f "$jar" ] || [ -n "$(find "$root/pom.xml" "$root/src/main" -newer "$jar" -print -quit)" ]; then
  (cd "$root" && mvn -B -q -ntp -Dstyle.color=never package -DskipTests) >&2
fi

lstmsh() {  # lstmsh COMMANDS: the machine speed is cached in the work folder across runs
  java -XX:MaxNewSize=64m -Dlstmsh.cache="$work/cache" -Dfile.encoding=UTF-8 -jar "$jar" -c "$1"
}

cp "$root/corpora/tales.txt" "$work/tales.txt"
# head closes the pipe early: the writers' broken pipe is expected, not an error.
# English documentation: the section-1 manual pages rendered to text, in name order, up to 1 MB.
for f in $(ls /usr/share/man/man1/*.1.gz | sort); do
  MANWIDTH=78 man -P cat "$f" 2>/dev/null | col -bx >> "$work/docs.txt" || true
  [ "$(stat -c %s "$work/docs.txt")" -ge 1000000 ] && break
done
truncate -s 1000000 "$work/docs.txt"
{ cat /usr/lib/python3*/*.py || true; } | head -c 1000000 > "$work/code.txt"

quickstart="model new --embed 64 --hidden 256 --layers 2; train --steps 100000000 --batch 64 --seq 100 --lr 0.002"

val() {  # the validation loss of a run's summary line, nats
  grep -o 'validation [0-9.]* nats/token' <<<"$1" | tail -1 | awk '{print $2}'
}

echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg); budgets × $scale"
printf '%-6s %5s  %-30s %7s %6s  %10s %6s  %-12s %7s\n' corpus min "fit's choice" "fit" bits quickstart bits "n-gram" unigram
for corpus in $corpora; do
  for minutes in "${budgets[@]}"; do
    m=$(awk -v a="$minutes" -v b="$scale" 'BEGIN {printf "%g", a * b}')
    fit="$(lstmsh "corpus load $work/$corpus.txt; fit --minutes $m")"
    quick="$(lstmsh "corpus load $work/$corpus.txt; $quickstart --minutes $m")"
    choice="$(awk '$1 == "model" {s = $2 $3 $4} $1 == "dropout" {d = $2} $1 == "batch" {b = $2}
                  $1 == "rate" {r = $3; sub(/,$/, "", r)} END {printf "%s d%s b%s lr%s", s, d, b, r}' <<<"$fit")"
    fv="$(val "$fit")"; qv="$(val "$quick")"
    ngram="$(grep -o 'n-gram order [0-9]* [0-9.]*' <<<"$fit" | awk '{printf "%s (%s)", $4, $3}')"
    unigram="$(grep -o 'unigram [0-9.]*' <<<"$fit" | tail -1 | awk '{print $2}')"
    printf '%-6s %5s  %-30s %7.4f %6.3f  %10.4f %6.3f  %-12s %7s\n' "$corpus" "$m" "$choice" \
      "$fv" "$(echo "$fv / l(2)" | bc -l)" "$qv" "$(echo "$qv / l(2)" | bc -l)" "$ngram" "$unigram"
  done
done
echo "machine after: load average $(cut -d' ' -f1-3 /proc/loadavg)"
