# Sourced, not run: the one place the scripts install Debian packages (setup.sh,
# make_real_corpus.sh, eval_speech.sh).
# ensure_packages WHO PACKAGE...
#   returns when every PACKAGE is installed; as root, installs the missing ones with apt-get
#   (updating the package lists and trying again if the first install fails); otherwise prints
#   the apt-get line to run, naming WHO, and exits 1.
ensure_packages() {
  local who=$1
  shift
  local missing=() package status
  for package in "$@"; do
    status=$(dpkg-query -W -f='${Status}' "$package" 2>/dev/null || true)
    [[ "$status" == "install ok installed" ]] || missing+=("$package")
  done
  [[ ${#missing[@]} -eq 0 ]] && return 0
  if [[ $(id -u) -ne 0 ]]; then
    echo "$who needs these Debian packages; install them with:" >&2
    echo "  sudo apt-get install -y ${missing[*]}" >&2
    exit 1
  fi
  export DEBIAN_FRONTEND=noninteractive
  echo "$who: installing ${missing[*]}" >&2
  if ! apt-get install -y -q --no-install-recommends "${missing[@]}" >&2; then
    apt-get update -q >&2
    apt-get install -y -q --no-install-recommends "${missing[@]}" >&2
  fi
}
