#!/usr/bin/env bash
# Installs like a real tool: `cmake --install` with DESTDIR puts the binary, price table, man
# page and completions where Debian expects them; the installed binary reads its own price
# table; the bash completion completes commands, options and values; every option each
# command accepts is in all three completions; `cpack -G DEB` builds a package whose
# dependencies are right, and the unpacked package runs the bundled-samples analysis.
source "$(dirname "$0")/lib.sh"
: "${SAMPLEMIND_BUILD_DIR:?set by CTest}"
build=$SAMPLEMIND_BUILD_DIR

# --- cmake --install into a scratch root -------------------------------------------------
root="$work/root"
DESTDIR="$root" cmake --install "$build" --prefix /usr > "$work/install.log" 2>&1 || { cat "$work/install.log"; fail "cmake --install failed"; }
for file in usr/bin/samplemind usr/share/samplemind/prices.json usr/share/man/man1/samplemind.1 \
            usr/share/bash-completion/completions/samplemind usr/share/zsh/vendor-completions/_samplemind \
            usr/share/fish/vendor_completions.d/samplemind.fish; do
  [[ -s "$root/$file" ]] || fail "cmake --install did not put $file in place"
done
installed="$root/usr/bin/samplemind"
"$installed" --version | grep -q '^samplemind [0-9]' || fail "installed --version"
# The installed binary reads the price table installed beside it, not the source tree's.
"$installed" prices --format json > prices.json
assert_eq "$(json_get prices.json 'd["file"]')" "$root/usr/share/samplemind/prices.json" "price table of the installed binary"

# --- the man page: generated from --help, with the exit codes, environment and examples ----
page="$root/usr/share/man/man1/samplemind.1"
for section in 'ENVIRONMENT' 'EXAMPLES' 'FILES'; do
  grep -q "^\.SH \"\?$section\"\?" "$page" || fail "man page has no $section section"
done
grep -q '^\.S[SH] "Exit codes:"' "$page" || fail "man page has no exit codes"
grep -q -- 'max\\-cost' "$page" || fail "man page lacks the analyze options (--help-all)"
if command -v man > /dev/null; then
  MANWIDTH=80 man -l "$page" 2> /dev/null | grep -q 'no audio files found' || fail "man -l cannot render the exit codes"
fi

# --- bash completion: a few prefixes ------------------------------------------------------
# complete_words WORD...: the replies for the last word, one per line, sorted.
complete_words() {
  bash -c 'source "$1"; shift; COMP_WORDS=("$@"); COMP_CWORD=$((${#COMP_WORDS[@]} - 1)); _samplemind; printf "%s\n" "${COMPREPLY[@]}" | sort' \
    _ "$root/usr/share/bash-completion/completions/samplemind" "$@"
}
[[ "$(complete_words samplemind an)" == "analyze" ]] || fail "bash: 'an' -> analyze, got: $(complete_words samplemind an)"
complete_words samplemind cache s | grep -qx stats || fail "bash: 'cache s' lacks stats"
complete_words samplemind analyze --fo | grep -qx -- --format || fail "bash: 'analyze --fo' lacks --format"
[[ "$(complete_words samplemind analyze --format '' | tr '\n' ' ')" == "csv json jsonl table " ||
   "$(complete_words samplemind analyze --format '' | tr '\n' ' ')" == "csv json table " ]] ||
  fail "bash: analyze --format values: $(complete_words samplemind analyze --format '' | tr '\n' ' ')"
[[ "$(complete_words samplemind analyze -a genre)" == "genre_classification" ]] || fail "bash: -a genre"
[[ "$(complete_words samplemind analyze --provider o | tr '\n' ' ')" == "offline ollama openai " ]] ||
  fail "bash: --provider o: $(complete_words samplemind analyze --provider o | tr '\n' ' ')"
complete_words samplemind analyze --cache r | grep -qx 'redis://' || fail "bash: global --cache after a command"
complete_words samplemind cache stats --c | grep -qx -- --cache || fail "bash: global options after a nested command"
mkdir -p "$work/lib/kit" && : > "$work/lib/kit/kick.wav"
(cd "$work/lib" && complete_words samplemind analyze ki | grep -qx kit) || fail "bash: paths after analyze"

# --- no option is missing from any completion ---------------------------------------------
commands=$("$installed" completions bash | grep -oE "^      '/[a-z/]+'\)" | tr -d "')" | sort -u)
[[ -n "$commands" ]] || fail "no command paths in the bash completion"
for path in $commands; do
  words=${path#/}; words=${words//\// }
  # shellcheck disable=SC2086
  options=$("$installed" $words --help | grep -oE '(^|[ ,])--[a-z][a-z0-9-]+' | grep -oE -- '--[a-z0-9-]+' | sort -u)
  for option in $options; do
    for shell in "$root/usr/share/bash-completion/completions/samplemind" "$root/usr/share/zsh/vendor-completions/_samplemind"; do
      grep -q -- "$option" "$shell" || fail "$shell: $words $option is missing"
    done
    grep -q -- "-l ${option#--}" "$root/usr/share/fish/vendor_completions.d/samplemind.fish" || fail "fish: $words $option is missing"
  done
done
if command -v zsh > /dev/null; then zsh -n "$root/usr/share/zsh/vendor-completions/_samplemind" || fail "zsh syntax"; fi
if command -v fish > /dev/null; then fish -n "$root/usr/share/fish/vendor_completions.d/samplemind.fish" || fail "fish syntax"; fi
bash -n "$root/usr/share/bash-completion/completions/samplemind" || fail "bash syntax"

# --- the .deb ------------------------------------------------------------------------------
(cd "$build" && cpack -G DEB -B "$work/pkg" > "$work/cpack.log" 2>&1) || { tail -20 "$work/cpack.log"; fail "cpack -G DEB failed"; }
deb=$(ls "$work"/pkg/samplemind_*.deb)
depends=$(dpkg-deb -f "$deb" Depends)
for package in libsndfile1 libsqlite3-0 libhiredis0.14 libtag1v5 libcurl4; do
  [[ ",$depends" == *", $package"* || ",$depends" == *",$package"* ]] || fail "the .deb does not depend on $package: $depends"
done
dpkg-deb -c "$deb" > deb-contents.txt
for file in usr/bin/samplemind usr/share/samplemind/prices.json usr/share/man/man1/samplemind.1 \
            usr/share/bash-completion/completions/samplemind; do
  grep -q " \./$file\$" deb-contents.txt || fail "the .deb lacks $file"
done
unpacked="$work/deb"
dpkg -x "$deb" "$unpacked"
"$unpacked/usr/bin/samplemind" --version | grep -q '^samplemind [0-9]' || fail "unpacked --version"
export XDG_CACHE_HOME="$work/deb-cache"
expect_exit 0 "$unpacked/usr/bin/samplemind" analyze "$SAMPLEMIND_SOURCE_DIR/samples" --format json --report first.json > /dev/null
expect_exit 0 "$unpacked/usr/bin/samplemind" analyze "$SAMPLEMIND_SOURCE_DIR/samples" --format json --report second.json > /dev/null
samples=$(find "$SAMPLEMIND_SOURCE_DIR/samples" -type f \( -name '*.wav' -o -name '*.flac' -o -name '*.ogg' -o -name '*.mp3' -o -name '*.aif*' \) | wc -l)
assert_eq "$(json_get first.json 'd["summary"]["files_total"]')" "$samples" "files analysed by the unpacked .deb"
assert_eq "$(json_get second.json 'd["summary"]["cache_hits"]')" "$samples" "second run of the unpacked .deb: all hits"
"$unpacked/usr/bin/samplemind" prices --format json > deb-prices.json
assert_eq "$(json_get deb-prices.json 'd["file"]')" "$unpacked/usr/share/samplemind/prices.json" "price table of the unpacked .deb"
echo "install: ok ($(basename "$deb"), depends: $depends)"
