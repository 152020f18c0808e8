# Shared set-up of scripts/run and scripts/test: install what is missing, configure, build.
# Sourced, not run. Idempotent: a second call installs nothing and rebuilds incrementally.

EQUILAB_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
EQUILAB_BUILD="${EQUILAB_BUILD:-$EQUILAB_ROOT/build}"

# Debian 12 packages the build, the tests and the GUI need.
EQUILAB_PACKAGES=(
  g++ cmake ninja-build pkg-config lld
  qt6-base-dev qt6-svg-dev libqcustomplot-dev libeigen3-dev libgl-dev
  fonts-dejavu-core
  libquazip1-qt6-dev python3-numpy libspectra-dev
  desktop-file-utils appstream help2man dpkg-dev python3 shared-mime-info
  clang-format nlohmann-json3-dev
  libgif-dev libavformat-dev libavcodec-dev libavutil-dev libswscale-dev
)

# The machine's cores. GNU nproc honours OMP_NUM_THREADS, which scripts/test sets to 1 for the
# tests: without this, `ctest -j "$(nproc)"` ran the whole suite one test at a time.
cores() { env -u OMP_NUM_THREADS -u OMP_THREAD_LIMIT nproc; }

log() { printf '\033[1m[equilab]\033[0m %s\n' "$*" >&2; }

missing_packages() {
  local pkg missing=()
  for pkg in "$@"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
  done
  echo "${missing[@]}"
}

# ensure_packages PKG...: installs what is missing when root; otherwise prints the exact
# apt-get line and fails.
ensure_packages() {
  local missing
  missing=$(missing_packages "$@")
  [ -z "$missing" ] && return 0
  if [ "$(id -u)" -ne 0 ]; then
    log "missing packages: $missing"
    log "install them with:  sudo apt-get install -y --no-install-recommends $missing"
    return 1
  fi
  log "installing: $missing"
  export DEBIAN_FRONTEND=noninteractive
  if ! apt-get install -y -q --no-install-recommends $missing >/tmp/equilab-apt.log 2>&1; then
    apt-get update -q >/tmp/equilab-apt-update.log 2>&1 || true
    apt-get install -y -q --no-install-recommends $missing >/tmp/equilab-apt.log 2>&1 || {
      log "apt-get failed; see /tmp/equilab-apt.log"; tail -5 /tmp/equilab-apt.log >&2; return 1; }
  fi
}

# configure_and_build [extra cmake args...]: Release build into $EQUILAB_BUILD; only the targets
# in $EQUILAB_TARGETS (space-separated) when it is set. The kernel variants follow
# $EQUILAB_KERNELS: "host" (the default, scripts/run) compiles the one level this CPU runs;
# "none" (scripts/test) compiles none, the suite runs the baseline kernels; scripts/package
# builds every level. Switching recompiles only the variants and their loader.
configure_and_build() {
  # EQUILAB_WERROR=ON (CI's release pass) turns warnings into errors, also in an existing build.
  local werror=()
  [ -n "${EQUILAB_WERROR:-}" ] && werror=(-DEQUILAB_WERROR="$EQUILAB_WERROR")
  local kernels="${EQUILAB_KERNELS:-host}"
  if [ ! -f "$EQUILAB_BUILD/CMakeCache.txt" ]; then
    log "configuring $EQUILAB_BUILD"
    cmake -S "$EQUILAB_ROOT" -B "$EQUILAB_BUILD" -G Ninja -DCMAKE_BUILD_TYPE=Release -DEQUILAB_KERNEL_ISAS="$kernels" \
      "${werror[@]}" "$@" >&2 || return 1
  else
    local reconf=("${werror[@]}")
    grep -qxF "EQUILAB_KERNEL_ISAS:STRING=$kernels" "$EQUILAB_BUILD/CMakeCache.txt" ||
      reconf+=(-DEQUILAB_KERNEL_ISAS="$kernels")
    if [ ${#reconf[@]} -gt 0 ]; then cmake "$EQUILAB_BUILD" "${reconf[@]}" >/dev/null || return 1; fi
  fi
  log "building (incremental)${EQUILAB_TARGETS:+: $EQUILAB_TARGETS}"
  local targets=()
  [ -n "${EQUILAB_TARGETS:-}" ] && read -r -a targets <<<"$EQUILAB_TARGETS" && targets=(--target "${targets[@]}")
  local start=$SECONDS
  cmake --build "$EQUILAB_BUILD" -j "$(cores)" "${targets[@]}" >&2 || return 1
  log "build finished in $((SECONDS - start)) s"
}
