#!/usr/bin/env bash
# Lab hosts: each a Linux network namespace with its own address on the lab's bridge and its own sshd, reached by
# the controller (this machine) over SSH like any remote host. Called by the lab module's provisioners, as root.
#   lab-host.sh network-up   BRIDGE GATEWAY/PREFIXLEN
#   lab-host.sh network-down BRIDGE LAB_ROOT
#   lab-host.sh create  NAMESPACE VETH ADDRESS/PREFIXLEN GATEWAY BRIDGE HOSTDIR LOGIN_USER PUBLIC_KEY [HOST_KEY_FILE]
#   lab-host.sh destroy NAMESPACE VETH HOSTDIR
# Only addresses of the lab's own subnet are configured; nothing outside this machine is contacted.
set -euo pipefail
umask 022
cmd=$1; shift
lock() { exec 9>/run/parity-lab.lock; flock 9; }   # bridge, users and sudoers are shared by parallel creates

case $cmd in
network-up)
  bridge=$1 gateway=$2
  lock
  ip link show "$bridge" >/dev/null 2>&1 || ip link add "$bridge" type bridge
  # Read whole, then matched: `ip ... | grep -q` under pipefail fails at random (grep exits at its match, ip gets
  # SIGPIPE), and then an address already on the bridge was added again.
  addrs=$(ip -o addr show dev "$bridge")
  [[ $addrs == *" ${gateway} "* ]] || ip addr add "$gateway" dev "$bridge"
  ip link set "$bridge" up
  ;;
network-down)
  bridge=$1 lab_root=$2
  ip link del "$bridge" 2>/dev/null || true
  rmdir "$lab_root" 2>/dev/null || true   # the work dir's lab root, once no environment has hosts in it
  ;;
create)
  ns=$1 veth=$2 address=$3 gateway=$4 bridge=$5 hostdir=$6 user=$7 pubkey=$8 hostkey=${9:-}
  # A crashed run's leftover of the same name is removed first: a host is created whole or not at all.
  "$0" destroy "$ns" "$veth" "$hostdir"
  lock
  # root logs in with its key only (as a cloud image's root may); any other login user gets passwordless sudo.
  root_login=no
  [[ $user == root ]] && root_login=prohibit-password
  if ! id -u "$user" >/dev/null 2>&1; then
    useradd --create-home --shell /bin/bash "$user"
    usermod -p '*' "$user"     # no password, but not locked: sshd refuses locked accounts even for keys
  fi
  if [[ $user != root ]]; then
    printf '%s ALL=(ALL) NOPASSWD: ALL\n' "$user" > "/etc/sudoers.d/parity-lab-$user"
    chmod 0440 "/etc/sudoers.d/parity-lab-$user"
  fi
  exec 9>&-
  mkdir -p /run/sshd "$hostdir"
  chmod 0755 "$hostdir"
  if [[ -n $hostkey ]]; then
    # the key parity made for this host (its public half is in the engine's state and the inventory)
    [[ -f $hostkey ]] || { echo "lab-host.sh: no host key at $hostkey" >&2; exit 1; }
    install -m 0600 "$hostkey" "$hostdir/ssh_host_ed25519_key"
    ssh-keygen -y -f "$hostdir/ssh_host_ed25519_key" > "$hostdir/ssh_host_ed25519_key.pub"
  else
    ssh-keygen -q -t ed25519 -N '' -C "$ns" -f "$hostdir/ssh_host_ed25519_key"
  fi
  printf '%s\n' "$pubkey" > "$hostdir/authorized_keys"
  # The bridge this host hangs on, for whoever sweeps a crashed run's leftovers (parity down --all).
  printf '%s\n' "$bridge" > "$hostdir/bridge"
  chmod 0644 "$hostdir/authorized_keys"
  cat > "$hostdir/sshd_config" <<CFG
ListenAddress ${address%/*}
Port 22
HostKey $hostdir/ssh_host_ed25519_key
PidFile $hostdir/sshd.pid
AuthorizedKeysFile $hostdir/authorized_keys
AllowUsers $user
UsePAM no
PasswordAuthentication no
KbdInteractiveAuthentication no
PermitRootLogin $root_login
MaxStartups 100:30:200
MaxSessions 50
Subsystem sftp /usr/lib/openssh/sftp-server
CFG
  ip netns add "$ns"
  ip link add "$veth" type veth peer name "${veth}n"
  ip link set "${veth}n" netns "$ns"
  ip -n "$ns" link set "${veth}n" name eth0
  ip -n "$ns" addr add "$address" dev eth0
  ip -n "$ns" link set lo up
  ip -n "$ns" link set eth0 up
  ip -n "$ns" route add default via "$gateway"
  ip link set "$veth" master "$bridge" up
  ip netns exec "$ns" /usr/sbin/sshd -f "$hostdir/sshd_config" -E "$hostdir/sshd.log"
  for _ in $(seq 1 100); do
    (exec 3<>"/dev/tcp/${address%/*}/22") 2>/dev/null && exit 0
    sleep 0.1
  done
  echo "lab host $ns: sshd does not answer on ${address%/*}:22; its log:" >&2
  tail -n 5 "$hostdir/sshd.log" >&2 || true
  exit 1
  ;;
destroy)
  ns=$1 veth=$2 hostdir=$3
  # Everything the host ran (sshd, the services) dies with it.
  namespaces=$(ip netns list)
  if grep -qE "^${ns}( |$)" <<<"$namespaces"; then
    pids=$(ip netns pids "$ns" || true)
    [[ -z $pids ]] || kill -9 $pids 2>/dev/null || true
    ip netns del "$ns"
  fi
  ip link del "$veth" 2>/dev/null || true
  rm -rf "$hostdir"
  ;;
*)
  echo "lab-host.sh: unknown command $cmd" >&2; exit 2 ;;
esac
