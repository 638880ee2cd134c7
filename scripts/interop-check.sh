#!/usr/bin/env bash
# Proves lstmsh and the real frameworks compute the same models (see scripts/interop_check.py and,
# when present, scripts/interop_check_keras.py). Needs a Python with torch, safetensors and numpy
# (and keras, tensorflow-cpu, h5py for the Keras part): PYTHON=/path/to/venv/bin/python to choose it.
# Arguments go to the Python scripts, e.g. --fixtures src/test/resources/interop/pytorch.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
python="${PYTHON:-python3}"
jar="$root/target/lstmsh.jar"
if [ ! -f "$jar" ] || [ -n "$(find "$root/pom.xml" "$root/src/main" -newer "$jar" -print -quit)" ]; then
  echo "interop-check: building $jar..." >&2
  (cd "$root" && mvn -B -q -ntp -Dstyle.color=never package -DskipTests) >&2
fi
status=0
"$python" "$root/scripts/interop_check.py" --jar "$jar" "$@" || status=1
if [ -f "$root/scripts/interop_check_keras.py" ]; then
  "$python" "$root/scripts/interop_check_keras.py" --jar "$jar" || status=1
fi
exit $status
