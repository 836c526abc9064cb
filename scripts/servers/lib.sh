# Shared helpers for the loopback IMAP test-server scripts in this directory.
# Sourced (not executed) by dovecot-start, dovecot-stop, cyrus-start,
# cyrus-stop and smoke. Everything a script creates lives under the DIR the
# caller passes, or under the private package cache (see pkg_cache_dir).

SERVERS_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO_ROOT=$(cd "$SERVERS_DIR/../.." && pwd)

# Test accounts, identical on both servers.
# shellcheck disable=SC2034
TEST_USERS=(alice bob)
# shellcheck disable=SC2034
declare -A TEST_PASS=([alice]=alicepass [bob]=bobpass)

say() { printf '%s: %s\n' "${PROG:-servers}" "$*" >&2; }
die() { say "error: $*"; exit 1; }

# usage_dir DIR: validate the state directory argument, create it and
# print its absolute path.
state_dir() {
    local dir=$1
    [[ -n $dir ]] || die "missing DIR argument"
    [[ $dir != *[[:space:]]* ]] || die "DIR must not contain whitespace: '$dir'"
    mkdir -p -- "$dir"
    dir=$(cd -- "$dir" && pwd -P)
    # Unix socket paths are limited to 107 bytes; the servers put sockets a
    # few levels below DIR.
    (( ${#dir} <= 64 )) || die "DIR path too long for unix sockets (${#dir} > 64 chars): $dir"
    printf '%s\n' "$dir"
}

check_port() {
    if ! [[ $1 =~ ^[0-9]+$ ]] || (($1 < 1 || $1 > 65535)); then
        die "bad port: '$1'"
    fi
}

is_root() { [[ $(id -u) -eq 0 ]]; }

# apt_update_if_stale: run apt-get update once when the package lists are
# missing (fresh machine) or when the caller asks for it.
apt_update() {
    say "running apt-get update"
    apt-get update -qq >/dev/null || die "apt-get update failed"
}

apt_lists_present() {
    compgen -G '/var/lib/apt/lists/*_Packages*' >/dev/null
}

pkg_installed() {
    [[ $(dpkg-query -W -f='${Status}' "$1" 2>/dev/null) == "install ok installed" ]]
}

# ensure_packages PKG...: install the Debian packages that are missing.
ensure_packages() {
    local missing=() p
    for p in "$@"; do pkg_installed "$p" || missing+=("$p"); done
    ((${#missing[@]})) || return 0
    is_root || die "packages not installed: ${missing[*]} (run this script as root once, or: apt-get install ${missing[*]})"
    apt_lists_present || apt_update
    say "installing ${missing[*]}"
    if ! DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends \
            -o Dpkg::Options::=--force-confdef -o Dpkg::Options::=--force-confold \
            "${missing[@]}" >"${TMPDIR:-/tmp}/servers-apt.$$.log" 2>&1; then
        apt_update
        DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends \
            -o Dpkg::Options::=--force-confdef -o Dpkg::Options::=--force-confold \
            "${missing[@]}" >"${TMPDIR:-/tmp}/servers-apt.$$.log" 2>&1 ||
            { cat "${TMPDIR:-/tmp}/servers-apt.$$.log" >&2; die "apt-get install ${missing[*]} failed"; }
    fi
    rm -f "${TMPDIR:-/tmp}/servers-apt.$$.log"
}

# Where privately unpacked packages are kept, reused across runs.
pkg_cache_dir() {
    printf '%s\n' "${IMAP_TEST_PKG_CACHE:-$REPO_ROOT/target/servers-pkg}"
}

multiarch() {
    local m
    m=$(gcc -print-multiarch 2>/dev/null || true)
    [[ -n $m ]] || m="$(uname -m)-linux-gnu"
    printf '%s\n' "$m"
}

# make_cert TLSDIR: self-signed certificate for localhost/127.0.0.1.
make_cert() {
    local d=$1
    [[ -s $d/cert.pem && -s $d/key.pem ]] && return 0
    mkdir -p "$d"
    command -v openssl >/dev/null || ensure_packages openssl
    openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes \
        -days 3650 -subj "/CN=localhost" \
        -addext "subjectAltName=DNS:localhost,IP:127.0.0.1" \
        -keyout "$d/key.pem" -out "$d/cert.pem" >/dev/null 2>&1 ||
        die "openssl could not create a certificate in $d"
    chmod 644 "$d/cert.pem"
    chmod 640 "$d/key.pem"
}

# port_open PORT: true when something accepts TCP connections there.
port_open() {
    (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

# greeting PORT: print the first line the server sends (empty on failure).
greeting() {
    (
        exec 3<>"/dev/tcp/127.0.0.1/$1" || exit 1
        IFS= read -r -t 3 line <&3 || exit 1
        printf '%s\n' "${line%$'\r'}"
    ) 2>/dev/null
}

# pid_matches PID MARKER: PID is alive and its command line mentions MARKER
# (guards against a recycled pid after a reboot or a crash).
pid_matches() {
    local pid=$1 marker=$2 cmd
    [[ $pid =~ ^[0-9]+$ ]] || return 1
    [[ -r /proc/$pid/cmdline ]] || return 1
    cmd=$(tr '\0' ' ' 2>/dev/null </proc/"$pid"/cmdline) || return 1
    [[ $cmd == *"$marker"* ]]
}

# running_pid PIDFILE MARKER: print the recorded pid if that process runs.
running_pid() {
    local pid
    [[ -s $1 ]] || return 1
    pid=$(<"$1")
    pid_matches "$pid" "$2" || return 1
    printf '%s\n' "$pid"
}

# proc_alive PID: the process exists and is not a zombie.
proc_alive() {
    local st
    st=$(cat /proc/"$1"/stat 2>/dev/null) || return 1
    st=${st##*) }
    [[ -n $st && ${st%% *} != Z ]]
}

# descendants PID: all transitive children of PID.
descendants() {
    local kids k
    kids=$(ps -o pid= --ppid "$1" 2>/dev/null || true)
    for k in $kids; do
        printf '%s\n' "$k"
        descendants "$k"
    done
}

# wait_greeting PORT PID TIMEOUT LOG...: wait until PORT sends an IMAP
# greeting; on failure print the logs and fail.
wait_greeting() {
    local port=$1 pid=$2 timeout=$3 line
    shift 3
    local deadline=$((SECONDS + timeout))
    while ((SECONDS < deadline)); do
        if ! proc_alive "$pid"; then
            say "server process $pid exited during startup"
            dump_logs "$@"
            return 1
        fi
        line=$(greeting "$port" || true)
        if [[ $line == "* OK"* ]]; then
            printf '%s\n' "$line"
            return 0
        fi
        sleep 0.1
    done
    say "no IMAP greeting on 127.0.0.1:$port within ${timeout}s"
    dump_logs "$@"
    return 1
}

dump_logs() {
    local f
    for f in "$@"; do
        [[ -s $f ]] || continue
        printf '===== %s (last 60 lines) =====\n' "$f" >&2
        tail -n 60 "$f" >&2
    done
}

# stop_pidfile NAME PIDFILE MARKER: end the recorded process and its
# children, wait for them, remove the pidfile. No-op if nothing runs.
stop_pidfile() {
    local name=$1 pidfile=$2 marker=$3 pid kids k i
    if ! pid=$(running_pid "$pidfile" "$marker"); then
        [[ -e $pidfile ]] && rm -f "$pidfile"
        say "$name: not running"
        return 0
    fi
    kids=$(descendants "$pid")
    kill -TERM "$pid" 2>/dev/null || true
    for ((i = 0; i < 100; i++)); do
        proc_alive "$pid" || break
        sleep 0.05
    done
    if proc_alive "$pid"; then
        say "$name: pid $pid ignored SIGTERM for 10s, sending SIGKILL"
        kill -KILL "$pid" 2>/dev/null || true
    fi
    # Children the master did not reap itself.
    for k in $kids; do
        if proc_alive "$k"; then kill -KILL "$k" 2>/dev/null || true; fi
    done
    for ((i = 0; i < 50; i++)); do
        local alive=0
        for k in "$pid" $kids; do
            proc_alive "$k" && alive=1
        done
        ((alive)) || break
        sleep 0.1
    done
    rm -f "$pidfile"
    say "$name: stopped (pid $pid)"
}

# imap_session PORT USER PASS CMD...: log in with LOGIN on the plain port,
# run each command, log out. Fails unless every command answers OK.
imap_session() {
    local port=$1 user=$2 pass=$3 fd line n=0 cmd ok
    shift 3
    exec {fd}<>"/dev/tcp/127.0.0.1/$port" || return 1
    if ! IFS= read -r -t 10 line <&"$fd"; then
        exec {fd}>&-
        say "no greeting on port $port"
        return 1
    fi
    for cmd in "LOGIN $user $pass" "$@" "LOGOUT"; do
        n=$((n + 1))
        printf 's%d %s\r\n' "$n" "$cmd" >&"$fd"
        ok=
        while IFS= read -r -t 10 line <&"$fd"; do
            line=${line%$'\r'}
            case $line in
            "s$n OK"*) ok=1; break ;;
            "s$n "*) ok=0; break ;;
            esac
        done
        if [[ $ok != 1 ]]; then
            say "IMAP command '$cmd' as $user failed: ${line:-<no answer>}"
            exec {fd}>&-
            return 1
        fi
    done
    exec {fd}>&-
}

print_ports() {
    printf '%s running: pid %s, plain+STARTTLS 127.0.0.1:%s, implicit TLS 127.0.0.1:%s\n' "$@"
}
