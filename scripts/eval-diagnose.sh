#!/usr/bin/env bash
# Measures diagnose's precision and recall.
#
#  (a) Healthy real text: a short training of a small model on text found on this machine (Python's
#      standard library, Debian changelogs and READMEs, man pages; char and word level), in chunks of
#      --minutes so the validation loss is known after each, then a sample and diagnose. Every
#      finding above info is a false alarm unless it is true of the model: NOT_CONVERGED while the
#      validation loss is behind the n-gram baseline, WORSE_THAN_UNIGRAM and NOISE while it is behind
#      the unigram's, OVERFITTING when the loss after the last chunk is above its best after an
#      earlier one, REPEAT_RUN when the sample holds a run longer than any in the corpus (the notes
#      show the losses beside the baselines).
#  (b) Planted failures: for every finding code a case (generated corpus, model or training
#      settings) that causes exactly that problem; the code must be raised.
#
# Prints one table row per corpus or case and the totals. Run on an idle 2-core machine it takes
# about 15 minutes; a shared machine trains fewer steps in the same minutes.
#
#   scripts/eval-diagnose.sh [CHUNK_MINUTES] [CHUNKS]      defaults: 0.5 and 3 (1.5 minutes a character corpus, 3 a word corpus)
#
# The corpora are written to a temporary folder and deleted afterwards.
set -uo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
chunk="${1:-0.5}"
chunks="${2:-3}"
size=600000
work="$(mktemp -d /tmp/lstmsh-eval.XXXXXX)"
trap 'rm -rf "$work"' EXIT

jar="$root/target/lstmsh.jar"
if [ ! -f "$jar" ] || [ -n "$(find "$root/pom.xml" "$root/src/main" -newer "$jar" -print -quit)" ]; then
  (cd "$root" && mvn -B -q -ntp -Dstyle.color=never package -DskipTests) >&2
fi

lstmsh() {  # lstmsh COMMANDS: one session, all its output
  java -Dlstmsh.cache="$work/cache" -Dfile.encoding=UTF-8 -jar "$jar" -c "$1" 2>&1
}

raised() {  # the codes raised above info in OUTPUT, each once, in order
  grep -oE '^(warning|problem) [A-Z_]+:' <<<"$1" | awk '{sub(":", "", $2); if (!seen[$2]++) printf "%s%s", (n++ ? " " : ""), $2}'
}

# ---- the real corpora -------------------------------------------------------------------------
take() { head -c "$size" > "$work/$1"; }
find /usr/lib/python3*/ -maxdepth 1 -name '*.py' 2>/dev/null | sort | xargs cat 2>/dev/null | take python.txt
for f in $(ls /usr/share/doc/*/changelog*.gz 2>/dev/null | sort); do zcat "$f"; done 2>/dev/null | take changelog.txt
for f in $(ls -d /usr/share/doc/*/README* 2>/dev/null | sort); do
  case "$f" in *.gz) zcat "$f" ;; *) [ -f "$f" ] && cat "$f" ;; esac
done 2>/dev/null | take readme.txt
for page in bash ls grep find tar sed gzip cp chmod ssh git curl make gcc ps top less man apt dpkg; do
  MANWIDTH=78 man -P cat "$page" 2>/dev/null | col -bx
done | take man.txt

real=(  # NAME FILE LEVEL
  "python/char python.txt char"
  "python/word python.txt word"
  "changelog/char changelog.txt char"
  "readme/word readme.txt word"
  "man/char man.txt char"
)

echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg); training: $chunks chunks of $chunk min a corpus"
printf '%-22s %-26s %-44s %s\n' "corpus or case" "expected" "raised above info" "verdict"
false_alarms=0
real_count=0
notes=()
for entry in "${real[@]}"; do
  read -r name file level <<<"$entry"
  [ -s "$work/$file" ] || { notes+=("$name: no such text on this machine, skipped"); continue; }
  real_count=$((real_count + 1))
  # Words: a softmax over thousands of tokens makes each step dearer, so smaller steps and twice the minutes;
  # a few hundred thousand words for a million parameters over-fit within minutes without dropout.
  if [ "$level" = char ]; then model="model new --embed 32 --hidden 128 --layers 1 --seed 1"; lr=0.005; shape="--batch 32 --seq 64"; minutes="$chunk"
  else model="model new --embed 64 --hidden 128 --layers 1 --output-dropout 0.3 --seed 1"; lr=0.003; shape="--batch 16 --seq 32"; minutes="$(awk -v c="$chunk" 'BEGIN { print 2 * c }')"; fi
  session="corpus load $work/$file --level $level; corpus stats --top 1; $model"
  for ((i = 0; i < chunks; i++)); do
    session+="; train --steps 1000000 --minutes $minutes --eval-every 100 $shape --lr $lr --seed 1"
  done
  out="$(lstmsh "$session; sample --length 300 --seed 1; diagnose")"
  ngram="$(grep -oE 'best n-gram \(Kneser-Ney, order [0-9]+\): [0-9.]+' <<<"$out" | head -1)"
  baseline="$(grep -oE '[0-9.]+$' <<<"$ngram")"
  order="$(grep -oE 'order [0-9]+' <<<"$ngram")"
  unigram="$(grep -oE 'on the validation split; unigram [0-9.]+' <<<"$out" | grep -oE '[0-9.]+$' | head -1)"
  # Per chunk: its seconds and the validation loss after it; when did the model get ahead of the baseline?
  ahead="not within $(awk -v c="$minutes" -v n="$chunks" 'BEGIN { print c * n }') min"
  elapsed=0
  loss=""
  best=""
  trajectory=""
  while read -r seconds value; do
    elapsed=$((elapsed + seconds))
    loss="$value"
    trajectory+="${trajectory:+ → }$value"
    if [ -z "$best" ] || awk -v a="$value" -v b="$best" 'BEGIN { exit !(a < b) }'; then best="$value"; fi
    if [ -n "$baseline" ] && awk -v a="$value" -v b="$baseline" 'BEGIN { exit !(a < b) }'; then
      [[ "$ahead" == not* ]] && ahead="after ${elapsed} s"
    fi
  done < <(grep -E '^trained [0-9]+ steps' <<<"$out" \
      | sed -E 's/.* in ([0-9hms]+): .*validation ([0-9.]+) nats.*/\1 \2/' \
      | awk '{ t = $1; s = 0; if (t ~ /m/) { split(t, p, "m"); s = p[1] * 60; t = p[2] } sub("s", "", t); print s + t, $2 }')
  steps="$(grep -oE 'model trained [0-9]+ steps' <<<"$out" | grep -oE '[0-9]+' | tail -1)"
  codes="$(raised "$(sed -n '/^diagnose: /,$p' <<<"$out")")"
  falses=()
  for code in $codes; do
    case "$code" in
      NOT_CONVERGED) awk -v a="$loss" -v b="$baseline" 'BEGIN { exit !(a >= b) }' && continue ;;
      WORSE_THAN_UNIGRAM|NOISE) awk -v a="$loss" -v b="$unigram" 'BEGIN { exit !(a >= b) }' && continue ;;
      # True when the validation loss after the last chunk is above its best after an earlier one.
      OVERFITTING) awk -v a="$loss" -v b="$best" 'BEGIN { exit !(a > b) }' && continue ;;
      # True when the sample holds a run longer than any in the corpus (the evidence gives both).
      REPEAT_RUN) grep -oE "repeated [0-9]+ times in a row \(corpus' longest run is [0-9]+\)" <<<"$out" \
          | awk '{ if ($2 > $11 + 0) found = 1 } END { exit !found }' && continue ;;
    esac
    falses+=("$code")
  done
  false_alarms=$((false_alarms + ${#falses[@]}))
  verdict="${#falses[@]} false"
  [ ${#falses[@]} -gt 0 ] && verdict+=" (${falses[*]})"
  printf '%-22s %-26s %-44s %s\n' "$name" "none above info" "${codes:-none}" "$verdict"
  notes+=("$name: $(wc -c < "$work/$file") bytes, $steps steps; validation after each chunk $trajectory; ${loss:-?} nats against the n-gram's $baseline ($order) and the unigram's $unigram; ahead of the n-gram: $ahead")
done

# ---- the planted failures ---------------------------------------------------------------------
lstmsh "corpus generate $work/prose.txt --kind prose --chars 30000 --seed 1; corpus generate $work/cat.txt --kind imbalanced --seed 1; corpus generate $work/tails.txt --kind constant-tail --sequences 300 --head 12 --tail 40 --seed 1" > /dev/null
# Words in random order: nothing to learn but the text itself, so a long copied span is recitation.
awk 'BEGIN { srand(3); split("apple river stone cloud tiger lamp window garden silver honey rabbit mountain candle forest violin ocean paper yellow engine marble", w, " ")
  for (n = 0; n < 4000; n += length(s)) { s = w[int(rand() * 20) + 1] (rand() < 0.1 ? ".\n" : " "); printf "%s", s } }' > "$work/words.txt"
awk 'BEGIN { srand(1); for (i = 0; i < 20000; i++) printf "%s", (rand() < 0.85 ? "a" : substr("bcdefghij", int(rand() * 9) + 1, 1)) }' > "$work/skewed.txt"
{ cat "$work/prose.txt"; printf 'caf\xe9 cr\xe8me br\xfbl\xe9e\n'; } > "$work/latin1.txt"  # a few Latin-1 bytes in UTF-8 text
tail=$(printf '.%.0s' $(seq 60))
prose="corpus load $work/prose.txt"
small="model new --embed 16 --hidden 32 --layers 1 --seed 1"

planted=(  # NAME|EXPECTED CODES|COMMANDS
  "imbalanced words|CORPUS_IMBALANCE|corpus load $work/cat.txt --level word"
  "vocabulary cut at 30|CORPUS_UNK|corpus load $work/prose.txt --level word --max-vocab 30"
  "Latin-1 bytes in UTF-8|CORPUS_INVALID_TEXT|corpus load $work/latin1.txt"
  "lines ending alike|CONSTANT_TAIL|corpus load $work/tails.txt; diagnose"
  "2 hidden units|SMALL_HIDDEN|$prose; model new --embed 16 --hidden 2 --layers 1; diagnose"
  "uniform(0, 0.001) init|INIT_SCALE|$prose; model new --embed 16 --hidden 32 --layers 1 --init uniform:0,0.001; diagnose"
  "learning rate 1|LR_TOO_HIGH|$prose; $small; train --steps 120 --batch 16 --seq 50 --lr 1 --clip 0 --seed 1; diagnose"
  "two passes, lr 0.003|NOT_CONVERGED|$prose; $small; train --epochs 2 --batch 16 --seq 50 --lr 0.003 --seed 1; diagnose"
  "untrained on skewed text|WORSE_THAN_UNIGRAM NOISE|corpus load $work/skewed.txt; model new --hidden 8 --layers 1 --init uniform:0,0.001 --seed 1; train --steps 30 --eval-every 15 --seed 1; sample --length 100 --seed 1; diagnose"
  "4 kB of random words|OVERFITTING MEMORIZED|corpus load $work/words.txt; model new --embed 32 --hidden 128 --layers 1 --seed 1; train --steps 300 --batch 8 --seq 50 --lr 0.01 --eval-every 20 --seed 1; sample --length 300 --temperature 0.5 --seed 1; diagnose"
  "inputs ending alike|HIDDEN_COLLAPSE|corpus load $work/tails.txt; model new --embed 16 --hidden 32,32 --seed 2; inspect hidden \"Anna$tail\" \"Peter ran$tail\" \"The$tail\""
  "normal(0, 4) init|SATURATED_GATES|$prose; model new --embed 16 --hidden 32 --layers 1 --init normal:4 --seed 1; inspect gates --summary"
  "imbalanced, lr 0.02|LOOP LOW_ENTROPY|corpus load $work/cat.txt; $small; train --steps 100 --batch 8 --seq 40 --lr 0.02 --seed 1; sample --length 300 --seed 1"
  "imbalanced, tiny init|DOMINANT_TOKEN REPEAT_RUN|corpus load $work/cat.txt --level word; model new --embed 8 --hidden 4 --layers 1 --init uniform:0,0.001 --seed 1; train --steps 200 --batch 8 --seq 20 --lr 0.002 --seed 1; sample --greedy --length 60 --seed 1"
)
found=0
expected_total=0
for entry in "${planted[@]}"; do
  IFS='|' read -r name expected commands <<<"$entry"
  codes="$(raised "$(lstmsh "$commands")")"
  missing=()
  for code in $expected; do
    expected_total=$((expected_total + 1))
    if [[ " $codes " == *" $code "* ]]; then found=$((found + 1)); else missing+=("$code"); fi
  done
  verdict="found"
  [ ${#missing[@]} -gt 0 ] && verdict="MISSED ${missing[*]}"
  printf '%-22s %-26s %-44s %s\n' "$name" "$expected" "${codes:-none}" "$verdict"
done

echo
for note in "${notes[@]}"; do echo "  $note"; done
echo "totals: $false_alarms false alarm(s) above info on $real_count healthy real corpora; $found of $expected_total planted failures found"
echo "machine after: load average $(cut -d' ' -f1-3 /proc/loadavg)"
