#!/usr/bin/env bash
# docs/gpu.md's plan for a GPU machine that has PyTorch for Python but no Java, no Maven and no network.
#
#   scripts/gpu-check.sh pack [MVN_ARG...]  here: a trimmed Java runtime and lstmsh's thin jars (no native
#                                     jar) in target/gpu-check/pack.tgz (under 60 MiB); e.g. 'pack -o' offline
#   scripts/gpu-check.sh run [OUT]    there, in a copy of this working tree with that file: checks DJL's JNI
#                                     against the machine's PyTorch libraries, and if they load, trains the
#                                     quickstart and the hidden-1024/batch-128 models on GPU and CPU; the
#                                     figures go to OUT/summary.md (default target/gpu-check/out)
#   scripts/gpu-check.sh smoke [OUT]  here: 'run' from the packed files on the CPU, with the libtorch DJL
#                                     unpacked on this machine and a few steps of small models
#
# Settings (environment): TORCH_LIB (the folder with libtorch.so; default: the one of python3's torch),
# FLAVOR (cpu or cu128; default cu128 when nvidia-smi sees a GPU and TORCH_LIB has libtorch_cuda.so),
# STEPS (200), CPU_LARGE_STEPS (20: the large model on a CPU is slow), CASE_TIMEOUT (150 seconds a run).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
pack_file="$root/target/gpu-check/pack.tgz"
limit_mib=60
# jdeps --print-module-deps on lstmsh's jars, plus what JNA and DJL reach by reflection.
modules=java.base,java.compiler,java.desktop,java.management,java.scripting,java.sql,java.logging,java.naming,jdk.unsupported

die() { echo "gpu-check: $*" >&2; exit 1; }
say() { echo "gpu-check: $*" >&2; }

pack() {
  command -v jlink >/dev/null || die "jlink not found: install a JDK 17 (not only a JRE)"
  local stage="$root/target/gpu-check/stage"
  rm -rf "$stage" && mkdir -p "$stage/lib"
  say "building the classes and copying the dependency jars..."
  (cd "$root" && mvn -B -q -ntp -Dstyle.color=never "$@" compile \
      dependency:copy-dependencies -DincludeScope=runtime -DoutputDirectory="$stage/lib") >&2
  # The native libtorch is the machine's own; only DJL's JNI glue (in pytorch-jni) travels.
  rm -f "$stage"/lib/*-native-*.jar
  jar --create --file "$stage/lib/lstmsh.jar" --main-class lstmsh.Main -C "$root/target/classes" .
  say "making the Java runtime ($modules)..."
  jlink --add-modules "$modules" --strip-debug --no-header-files --no-man-pages --compress=2 --output "$stage/jre"
  tar -C "$stage" -czf "$pack_file" jre lib
  local bytes
  bytes=$(stat -c %s "$pack_file")
  if [ "$bytes" -gt $((limit_mib * 1024 * 1024)) ]; then
    die "$pack_file is $((bytes / 1024 / 1024)) MiB, over the $limit_mib MiB that travel with one command"
  fi
  echo "$pack_file: $(awk -v b="$bytes" 'BEGIN { printf "%.1f", b / 1048576 }') MiB ($(ls "$stage/lib" | wc -l) jars, runtime $(du -sm "$stage/jre" | cut -f1) MiB unpacked)"
}

# The dynamic symbols of an ELF file, one per line, "U name" (needed) or "D name" (defined); no binutils needed.
elf_symbols() {
  python3 - "$@" <<'PY'
import struct, sys
for path in sys.argv[1:]:
    with open(path, 'rb') as f:
        data = f.read()
    if data[:4] != b'\x7fELF' or data[4] != 2:
        continue
    shoff, = struct.unpack_from('<Q', data, 0x28)
    shentsize, shnum = struct.unpack_from('<HH', data, 0x3A)
    sections = [struct.unpack_from('<IIQQQQIIQQ', data, shoff + i * shentsize) for i in range(shnum)]
    for _, kind, _, _, offset, size, link, _, _, entsize in sections:
        if kind != 11:  # SHT_DYNSYM
            continue
        strings = sections[link][4]
        for at in range(offset + entsize, offset + size, entsize):
            name_at, info, _, shndx = struct.unpack_from('<IBBH', data, at)
            bind = info >> 4
            if bind not in (1, 10) and not (bind == 2 and shndx != 0):  # global, unique; weak only when defined
                continue
            end = data.index(b'\0', strings + name_at)
            print(('U ' if shndx == 0 else 'D ') + data[strings + name_at:end].decode())
PY
}

run_check() {
  local out="$1" quick="$2"
  [ -f "$pack_file" ] || die "no $pack_file: run 'scripts/gpu-check.sh pack' first and bring that file along"
  mkdir -p "$out"
  out="$(cd "$out" && pwd)"
  local work
  work="$(mktemp -d)"
  tar -xzf "$pack_file" -C "$work"
  local java="$work/jre/bin/java"
  local summary="$out/summary.md"

  local torch_lib="${TORCH_LIB:-}"
  if [ -z "$torch_lib" ]; then
    torch_lib="$(python3 -c 'import os, torch; print(os.path.join(os.path.dirname(torch.__file__), "lib"))' 2>/dev/null)" \
      || die "no TORCH_LIB given and python3 cannot import torch"
  fi
  [ -f "$torch_lib/libtorch.so" ] || die "$torch_lib has no libtorch.so"
  local gpus
  gpus="$(nvidia-smi -L 2>/dev/null || true)"
  local flavor="${FLAVOR:-}"
  if [ -z "$flavor" ]; then
    flavor=cpu
    if [ -n "$gpus" ] && [ -f "$torch_lib/libtorch_cuda.so" ]; then
      flavor=cu128
    fi
  fi
  local jni_jar
  jni_jar="$(ls "$work"/lib/pytorch-jni-*.jar)"
  local jni_version
  jni_version="$(basename "$jni_jar" | sed -E 's/^pytorch-jni-([0-9.]+)-.*/\1/')"

  {
    echo "# GPU check, $(date -u '+%Y-%m-%d %H:%M UTC')"
    echo
    echo "- machine: $(uname -srm), $(nproc) CPUs"
    echo "- GPUs: ${gpus:-none seen by nvidia-smi}"
    echo "- driver: $(nvidia-smi --query-gpu=driver_version --format=csv,noheader 2>/dev/null | head -1 || echo -)"
    echo "- PyTorch libraries: $torch_lib ($(python3 -c 'import torch; print(torch.__version__, "CUDA", torch.version.cuda)' 2>/dev/null || echo 'version unknown'))"
    echo "- DJL JNI: $(basename "$jni_jar"), flavor $flavor; Java: $("$java" -version 2>&1 | head -1)"
  } > "$summary"

  # 1. Every libtorch/c10 symbol the JNI needs, against what the machine's libraries define.
  (cd "$work" && python3 -c 'import sys, zipfile; zipfile.ZipFile(sys.argv[1]).extract(sys.argv[2], ".")' \
      "$jni_jar" "jnilib/linux-x86_64/$flavor/libdjl_torch.so") || die "$jni_jar has no $flavor JNI library"
  local jni="$work/jnilib/linux-x86_64/$flavor/libdjl_torch.so"
  elf_symbols "$jni" | awk '$1 == "U" && $2 ~ /^_Z.*(3c10|2at|5torch|6caffe2)/ { print $2 }' | sort -u > "$out/jni-needs.txt"
  elf_symbols "$torch_lib"/*.so* | awk '$1 == "D" { print $2 }' | sort -u > "$work/defined.txt"
  comm -23 "$out/jni-needs.txt" "$work/defined.txt" > "$out/jni-missing.txt"
  local needed missing
  needed=$(wc -l < "$out/jni-needs.txt")
  missing=$(wc -l < "$out/jni-missing.txt")
  {
    echo
    echo "## Symbols"
    echo
    echo "The JNI needs $needed libtorch/c10 symbols; $missing of them are not defined by $torch_lib (jni-missing.txt)."
    if [ "$missing" -gt 0 ]; then
      echo
      head -20 "$out/jni-missing.txt" | { command -v c++filt >/dev/null && c++filt || cat; } | sed 's/^/    /'
    fi
  } >> "$summary"

  # 2. Load the engine from the machine's libraries. DJL loads every library in the folder: leave out
  #    those that are not libtorch itself (the Python binding needs a Python process, test libraries).
  local exclusion
  exclusion="$(cd "$torch_lib" && ls | grep -vE '^lib(c10(_cuda)?|torch(_cpu|_cuda(_linalg)?)?|caffe2_nvrtc|gomp[-.].*)\.so' | paste -sd, -)"
  lstmsh() {
    local name="$1" commands="$2"
    local status=0
    env PYTORCH_LIBRARY_PATH="$torch_lib" PYTORCH_VERSION="$jni_version" PYTORCH_FLAVOR="$flavor" \
        PYTORCH_LIBRARY_EXCLUSION="$exclusion" DJL_CACHE_DIR="$work/djl" OMP_WAIT_POLICY=PASSIVE \
        timeout "${CASE_TIMEOUT:-150}" "$java" -Dai.djl.offline=true -Dfile.encoding=UTF-8 \
        -Dorg.slf4j.simpleLogger.logFile="$out/$name.djl.log" -cp "$work/lib/*" lstmsh.Main -c "$commands" \
        > "$out/$name.txt" 2>&1 || status=$?
    return $status
  }
  # The failed run's error line, and the engine's own first line where it threw.
  why() {
    local line
    line="$(grep -m1 '^error:' "$out/$1.txt" || echo "exit $2")"
    line="$line$(grep -m1 -oE '[A-Za-z.]*(Exception|Error): .*' "$out/$1.djl.log" 2>/dev/null | sed 's/^/; /' || true)"
    echo "$line"
  }
  local device_status=0
  lstmsh device "device" || device_status=$?
  {
    echo
    echo "## Engine"
    echo
    echo "\`lstmsh -c device\` with the machine's libraries: exit $device_status (device.txt, device.djl.log)"
    echo
    sed 's/^/    /' "$out/device.txt" | head -12
  } >> "$summary"
  if [ "$device_status" -ne 0 ]; then
    echo; echo "The engine did not load: nothing was trained." >> "$summary"
    say "the engine did not load; see $summary"
    cat "$summary"
    return 1
  fi

  # 3. Training figures: tokens/s of the final line, on each device.
  local devices=cpu
  if grep -q 'gpu:0' "$out/device.txt"; then
    devices="gpu cpu"
  fi
  local corpus="$root/corpora/tales.txt"
  local steps="${STEPS:-200}" large_cpu_steps="${CPU_LARGE_STEPS:-20}" small=256 large=1024 small_batch=64 large_batch=128
  if [ "$quick" = yes ]; then
    steps=3 large_cpu_steps=2 small=32 large=64 small_batch=8 large_batch=16
  fi
  {
    echo
    echo "## Training (train --seq 100 --eval-every 1000, 2 layers, embedding 64)"
    echo
    echo "| model | device | steps | tokens/s | training loss | exit |"
    echo "|---|---|---|---|---|---|"
  } >> "$summary"
  local device model hidden batch n status final
  local failures=()
  for device in $devices; do
    for model in quickstart large; do
      if [ "$model" = quickstart ]; then hidden=$small batch=$small_batch; else hidden=$large batch=$large_batch; fi
      n=$steps
      if [ "$model" = large ] && [ "$device" = cpu ]; then n=$large_cpu_steps; fi
      status=0
      lstmsh "train-$model-$device" "device $device; corpus load $corpus; model new --hidden $hidden --layers 2 --seed 1;
          train --steps $n --batch $batch --seq 100 --eval-every 1000; save $work/ck-$model-$device" || status=$?
      final="$(grep '^trained ' "$out/train-$model-$device.txt" | tail -1 || true)"
      if [ "$status" -ne 0 ]; then
        failures+=("train-$model-$device: $(why "train-$model-$device" "$status")")
      fi
      echo "| hidden $hidden, batch $batch | $device | $n | $(grep -oE '[0-9.]+k? tok/s' <<< "$final" | tail -1 | sed 's/ tok\/s//') | $(grep -oE 'training loss [0-9.]+' <<< "$final" | cut -d' ' -f3) | $status |" >> "$summary"
    done
  done

  # 4. A checkpoint trained on one device samples on each device.
  if [ -d "$work/ck-quickstart-${devices%% *}" ]; then
    {
      echo
      echo "## A checkpoint trained on ${devices%% *}, sampled on each device (sample --length 80 --seed 3)"
      echo
    } >> "$summary"
    for device in $devices; do
      status=0
      lstmsh "sample-$device" "device $device; load $work/ck-quickstart-${devices%% *}; sample --length 80 --seed 3" || status=$?
      if [ "$status" -ne 0 ]; then
        failures+=("sample-$device: $(why "sample-$device" "$status")")
      fi
      echo "- $device (exit $status):" >> "$summary"
      grep -v '^lstmsh>' "$out/sample-$device.txt" | grep -vE '^(loaded|model:|  resumes|engine|devices|in use|device)' \
        | head -4 | sed 's/^/      /' >> "$summary"
    done
  fi
  if [ "${#failures[@]}" -gt 0 ]; then
    {
      echo
      echo "## Failed runs (their .txt and .djl.log files say more)"
      echo
      printf -- '- %s\n' "${failures[@]}"
    } >> "$summary"
  fi
  rm -rf "$work"
  cat "$summary"
  [ "${#failures[@]}" -eq 0 ]
}

smoke() {
  local out="${1:-$root/target/gpu-check/smoke}"
  if [ -z "${TORCH_LIB:-}" ]; then
    TORCH_LIB="$(ls -d "${DJL_CACHE_DIR:-$HOME/.djl.ai}"/pytorch/*-cpu-linux-x86_64 2>/dev/null | head -1)"
    [ -n "$TORCH_LIB" ] || die "no CPU libtorch unpacked here: run 'java -jar target/lstmsh.jar -c device' once, or set TORCH_LIB"
    export TORCH_LIB
  fi
  FLAVOR="${FLAVOR:-cpu}" run_check "$out" yes
}

case "${1:-}" in
  pack) shift; pack "$@" ;;
  run) run_check "${2:-$root/target/gpu-check/out}" no ;;
  smoke) smoke "${2:-}" ;;
  *) die "usage: scripts/gpu-check.sh pack [MVN_ARG...] | run [OUT] | smoke [OUT]" ;;
esac
