#!/usr/bin/env bash
# Scores the voice rules on the speech sets of Debian packages in one go (docs/evaluation.md,
# "Version 25" and "Version 27"): tuxpaint's spoken stamp descriptions, split by language into
# a tuning and a held-out half, and the telephone prompts of five Asterisk speakers (English,
# Spanish, Canadian French, Italian, Russian), none of them tuned on. None of these files is a
# loop: the right reading of every one is no tempo, and no key and no root for speech.
#   scripts/eval_speech.sh            installs the packages when run as root (else prints the
#                                     apt-get line and stops), then prints one table per set
# SAMPLEMIND_BIN picks the binary (default build/samplemind); SAMPLEMIND_BASELINE_BIN adds a
# second binary's tables below each set, to compare two builds on the same files.
# The JSON lines are kept in BUILD_DIR/eval-speech/. Takes about a minute per binary.
set -euo pipefail
source_dir="$(cd "$(dirname "$0")/.." && pwd)"
build_dir="${SAMPLEMIND_BUILD_DIR:-$source_dir/build}"
bin="${SAMPLEMIND_BIN:-$build_dir/samplemind}"
baseline="${SAMPLEMIND_BASELINE_BIN:-}"

packages=(tuxpaint-stamps-default asterisk-core-sounds-en-wav asterisk-core-sounds-es-wav
  asterisk-core-sounds-fr-wav asterisk-core-sounds-it-wav asterisk-core-sounds-ru-wav)
source "$source_dir/scripts/lib/ensure_packages.sh"
ensure_packages eval_speech "${packages[@]}"
if [[ ! -x "$bin" ]]; then
  echo "eval_speech: no binary at $bin (scripts/build.sh builds it)" >&2
  exit 2
fi

out_dir="$build_dir/eval-speech"
mkdir -p "$out_dir"
sets=(tuxpaint=/usr/share/tuxpaint/stamps)
for speaker in en_US_f_Allison es_MX_f_Allison fr_CA_f_June it_IT_m_Carlo ru_RU_f_IvrvoiceRU; do
  sets+=("asterisk-$speaker=/usr/share/asterisk/sounds/$speaker")
done

# Reads FOLDER with BINARY into OUT (JSON lines): audio alone, no cache.
read_folder() {
  "$1" features -f jsonl --ignore-metadata --no-cache "$2" >"$3" 2>/dev/null || true
}

for set in "${sets[@]}"; do
  name="${set%%=*}"
  folder="${set#*=}"
  mode=()
  [[ "$name" == asterisk-* ]] && mode=(--all-spoken)
  read_folder "$bin" "$folder" "$out_dir/$name.jsonl"
  python3 "$source_dir/tools/eval_spoken_stamps.py" "${mode[@]}" "$out_dir/$name.jsonl"
  if [[ -n "$baseline" ]]; then
    read_folder "$baseline" "$folder" "$out_dir/$name.baseline.jsonl"
    python3 "$source_dir/tools/eval_spoken_stamps.py" "${mode[@]}" "$out_dir/$name.baseline.jsonl"
  fi
done
