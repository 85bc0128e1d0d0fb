# Sourced by the scripts: installs the Debian packages the project needs, only those missing.
# The Swift toolchain itself is assumed (see README).
edgefleet_packages=(mosquitto mosquitto-clients libmosquitto-dev libsqlite3-dev zlib1g-dev pkg-config openssl)

install_dependencies() {
  local missing=()
  for package in "${edgefleet_packages[@]}"; do
    dpkg -s "$package" >/dev/null 2>&1 || missing+=("$package")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  local sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  echo "installing: ${missing[*]}" >&2
  $sudo apt-get update -qq
  # policy-rc.d or not, the packaged mosquitto service is not used: every run starts its own broker.
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
}

# Fails when the build log shows a warning from the project's own sources (dependencies are not ours to fix).
check_no_warnings() {
  local log=$1
  if grep -E ": warning:" "$log" | grep -v "/.build/" | sort -u | grep .; then
    echo "build has warnings (above); the project builds with zero warnings" >&2
    return 1
  fi
}
