#!/bin/bash
# awswiki-essentials: the minimum a fresh Amazon Linux 2 or Amazon Linux 2023 instance needs.
# Run as root. Idempotent: a second run installs nothing new. Logs to /var/log/awswiki-essentials.log
# and ends with one line: AWSWIKI_ESSENTIALS_SUMMARY platform=... result=... installed=...
# already_present=... failed=... (lists are comma-separated, empty when none).
set -euo pipefail

# Filled in by Get-AmazonLinuxEssentialsScript / Install-AmazonLinuxEssentials.
EXTRA_PACKAGES=()
INSTALL_DOCKER=yes

# The two overrides exist for the test suite, which runs this script without root on a non-Amazon system.
OS_RELEASE_FILE="${AWSWIKI_OS_RELEASE:-/etc/os-release}"
LOG_FILE="${AWSWIKI_ESSENTIALS_LOG:-/var/log/awswiki-essentials.log}"

BASE_PACKAGES=(git tmux htop jq tree wget unzip gcc make python3 python3-pip)
DOCKER_USER=ec2-user

platform=unknown
result=failed
installed=()
already_present=()
failed=()

log() {
  local line
  line="$(date -u +%Y-%m-%dT%H:%M:%SZ) $*"
  printf '%s\n' "$*"
  printf '%s\n' "$line" >>"$LOG_FILE" 2>/dev/null || true
}

join_by_comma() {
  local IFS=,
  printf '%s' "$*"
}

print_summary() {
  local line
  line="AWSWIKI_ESSENTIALS_SUMMARY platform=${platform} result=${result}"
  line+=" installed=$(join_by_comma "${installed[@]+"${installed[@]}"}")"
  line+=" already_present=$(join_by_comma "${already_present[@]+"${already_present[@]}"}")"
  line+=" failed=$(join_by_comma "${failed[@]+"${failed[@]}"}")"
  log "$line"
}
trap print_summary EXIT

# Runs a command with its output in the log only; on failure the log's last lines go to stderr.
run_logged() {
  printf '%s $ %s\n' "$(date -u +%Y-%m-%dT%H:%M:%SZ)" "$*" >>"$LOG_FILE"
  local status=0
  "$@" >>"$LOG_FILE" 2>&1 || status=$?
  if [[ $status -eq 0 ]]; then
    return 0
  fi
  printf 'command failed (exit %s): %s\n' "$status" "$*" >&2
  tail -n 5 "$LOG_FILE" >&2 || true
  return "$status"
}

read_os_release() {
  local key value id="" version=""
  if [[ ! -r "$OS_RELEASE_FILE" ]]; then
    log "ERROR: cannot read $OS_RELEASE_FILE; this script supports Amazon Linux 2 and Amazon Linux 2023 only." >&2
    exit 3
  fi
  while IFS='=' read -r key value; do
    value="${value%\"}"
    value="${value#\"}"
    case "$key" in
      ID) id="$value" ;;
      VERSION_ID) version="$value" ;;
    esac
  done <"$OS_RELEASE_FILE"
  case "$id:$version" in
    amzn:2) platform=amzn2 ;;
    amzn:2023*) platform=amzn2023 ;;
    *)
      platform="${id:-unknown}-${version:-unknown}"
      platform="${platform//[^A-Za-z0-9._-]/_}"
      result=unsupported
      log "ERROR: unsupported system '$id $version': this script supports Amazon Linux 2 (yum) and Amazon Linux 2023 (dnf) only. Nothing was changed." >&2
      exit 3
      ;;
  esac
}

# --whatprovides also answers for names that are capabilities rather than package names.
is_installed() {
  rpm -q --whatprovides "$1" >/dev/null 2>&1
}

# One transaction for the common case; package by package only when it fails, to name the culprit.
install_packages() {
  local manager=$1
  shift
  local missing=() package
  for package in "$@"; do
    if is_installed "$package"; then
      already_present+=("$package")
    else
      missing+=("$package")
    fi
  done
  if [[ ${#missing[@]} -eq 0 ]]; then
    return 0
  fi
  log "Installing with $manager: ${missing[*]}"
  if run_logged "$manager" install -y "${missing[@]}"; then
    installed+=("${missing[@]}")
    return 0
  fi
  log "The combined install failed; retrying one package at a time."
  for package in "${missing[@]}"; do
    if run_logged "$manager" install -y "$package"; then
      installed+=("$package")
    else
      failed+=("$package")
      log "ERROR: could not install $package" >&2
    fi
  done
}

install_docker() {
  if is_installed docker; then
    already_present+=(docker)
  else
    log "Installing docker"
    local ok=no
    if [[ $platform == amzn2 ]]; then
      run_logged amazon-linux-extras install -y docker && ok=yes
    else
      run_logged dnf install -y docker && ok=yes
    fi
    if [[ $ok == yes ]]; then
      installed+=(docker)
    else
      failed+=(docker)
      log "ERROR: could not install docker" >&2
      return 0
    fi
  fi
  start_docker_service
  add_docker_user
}

start_docker_service() {
  if command -v systemctl >/dev/null 2>&1; then
    if systemctl is-enabled --quiet docker && systemctl is-active --quiet docker; then
      return 0
    fi
    log "Enabling and starting the docker service"
    run_logged systemctl enable --now docker || { failed+=(docker-service); log "ERROR: could not start docker" >&2; }
  else
    if service docker status >/dev/null 2>&1; then
      return 0
    fi
    log "Starting the docker service"
    run_logged service docker start || { failed+=(docker-service); log "ERROR: could not start docker" >&2; }
  fi
}

add_docker_user() {
  local groups
  if ! groups="$(id -nG "$DOCKER_USER" 2>/dev/null)"; then
    log "User $DOCKER_USER does not exist; not adding it to the docker group."
    return 0
  fi
  if [[ " $groups " == *" docker "* ]]; then
    return 0
  fi
  log "Adding $DOCKER_USER to the docker group"
  run_logged usermod -aG docker "$DOCKER_USER" || { failed+=(docker-group); log "ERROR: could not add $DOCKER_USER to the docker group" >&2; }
}

main() {
  if ! touch "$LOG_FILE" 2>/dev/null; then
    printf 'ERROR: cannot write the log %s; run as root.\n' "$LOG_FILE" >&2
    exit 4
  fi
  read_os_release
  log "awswiki-essentials on $platform"
  local packages=("${BASE_PACKAGES[@]}" "${EXTRA_PACKAGES[@]+"${EXTRA_PACKAGES[@]}"}")
  if [[ $platform == amzn2 ]]; then
    log "WARNING: Amazon Linux 2 reached end of support on 2026-06-30; move this instance to Amazon Linux 2023." >&2
    install_packages yum "${packages[@]}"
  else
    install_packages dnf "${packages[@]}"
  fi
  if [[ $INSTALL_DOCKER == yes ]]; then
    install_docker
  fi
  if [[ ${#failed[@]} -gt 0 ]]; then
    log "ERROR: failed: $(join_by_comma "${failed[@]}")" >&2
    exit 1
  fi
  result=ok
}

main "$@"
