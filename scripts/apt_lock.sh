# Sourced by bootstrap.sh: run apt-get without failing at once when another program
# (unattended-upgrades, a software centre, a second terminal) holds the package
# manager's locks. apt then stops with its English «Could not get lock …»; we wait.
#
# apt's own `-o DPkg::Lock::Timeout=N` waits only for dpkg's locks, not for the package
# lists' lock that `apt-get update` takes, and apt's locks are fcntl (POSIX) locks, which
# `flock` does not see and `fuser` (psmisc) may not be installed to find. The kernel lists
# every held lock in /proc/locks: a lock file is busy while a lock on its inode is there.
#
#   APT_LOCK_FILES  the lock files to watch (space-separated; tests point it elsewhere)
#   APT_LOCK_WAIT   seconds to wait before giving up (default 600)
#   APT_LOCK_POLL   seconds between two looks (default 2)

APT_LOCK_FILES="${APT_LOCK_FILES:-/var/lib/dpkg/lock-frontend /var/lib/dpkg/lock /var/lib/apt/lists/lock /var/cache/apt/archives/lock}"
APT_LOCK_WAIT="${APT_LOCK_WAIT:-600}"
APT_LOCK_POLL="${APT_LOCK_POLL:-2}"

# Who holds a lock on one of APT_LOCK_FILES («name» (proceso pid) … file), or nothing.
apt_lock_holder() {
  local file dev ino id pid
  for file in $APT_LOCK_FILES; do
    [ -e "$file" ] || continue
    read -r dev ino < <(stat -L -c '%d %i' "$file") || continue
    # /proc/locks names a file as MAJOR:MINOR:INODE, the device numbers in hex.
    id=$(printf '%02x:%02x:%d' $(((dev >> 8) & 0xfff)) $(((dev & 0xff) | ((dev >> 12) & 0xfff00))) "$ino")
    # Fields: "1: POSIX ADVISORY WRITE PID ID START END", with "->" after "1:" for a waiter.
    pid=$(awk -v id="$id" '$2 != "->" { for (i = 1; i <= NF; i++) if ($i == id) { print $(i - 1); exit } }' /proc/locks 2>/dev/null)
    if [ -n "$pid" ]; then
      echo "«$(cat "/proc/$pid/comm" 2>/dev/null || echo "?")» (proceso $pid) tiene bloqueado $file"
      return 0
    fi
  done
  return 0
}

# Return once no lock is held; say in Spanish that we are waiting (on stderr: bootstrap
# hides apt-get install's output); give up after APT_LOCK_WAIT seconds with a message
# that says what to do.
wait_for_package_manager() {
  local holder deadline=$((SECONDS + APT_LOCK_WAIT))
  holder=$(apt_lock_holder)
  [ -z "$holder" ] && return 0
  echo "El gestor de paquetes está ocupado: $holder." \
    "Esperando a que termine (hasta $APT_LOCK_WAIT s)…" >&2
  while [ -n "$holder" ]; do
    if [ "$SECONDS" -ge "$deadline" ]; then
      echo "El gestor de paquetes sigue ocupado tras $APT_LOCK_WAIT s: $holder." \
        "Espere a que termine esa instalación o actualización y vuelva a ejecutar este programa." >&2
      return 1
    fi
    sleep "$APT_LOCK_POLL"
    holder=$(apt_lock_holder)
  done
  echo "El gestor de paquetes ya está libre; continuando." >&2
}

# apt_get ARGS...: apt-get (through sudo when not root) once the locks are free. If
# another program takes a lock between our look and apt's (apt then fails at once),
# wait again and retry, up to three times.
apt_get() {
  local sudo_cmd="" status=0
  [ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
  for _ in 1 2 3; do
    wait_for_package_manager || return 1
    status=0
    $sudo_cmd env DEBIAN_FRONTEND=noninteractive \
      apt-get -o DPkg::Lock::Timeout="$APT_LOCK_WAIT" "$@" || status=$?
    [ "$status" -eq 0 ] && return 0
    [ -n "$(apt_lock_holder)" ] || return "$status"
  done
  return "$status"
}
