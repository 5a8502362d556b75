#!/bin/sh
# The trainer-agent container: password-less ssh with the other agents' containers (mpirun starts its daemons on a
# job's other nodes through ssh), then the agent itself, with the container's arguments as its options.
set -eu
keys=/etc/hourglass/ssh
port="${HOURGLASS_SSH_PORT:-2222}"

# One key pair for every agent that mounts the same key directory (compose's agent-ssh volume, or the cluster's own
# key mounted read-only); where there is none yet, the first agent to start makes it.
if [ ! -f "$keys/id_ed25519" ]; then
  mkdir -p "$keys"
  flock "$keys/.lock" sh -c "[ -f '$keys/id_ed25519' ] || ssh-keygen -q -t ed25519 -N '' -C hourglass-agents -f '$keys/id_ed25519'"
fi
install -d -m 700 /root/.ssh
install -m 600 "$keys/id_ed25519" /root/.ssh/id_ed25519
install -m 600 "$keys/id_ed25519.pub" /root/.ssh/authorized_keys
cat > /root/.ssh/config <<CONFIG
Host *
  Port $port
  BatchMode yes
  # every container makes its host keys when it starts, so there is nothing to pin them to
  StrictHostKeyChecking no
  UserKnownHostsFile /dev/null
  LogLevel ERROR
CONFIG
# sshd gives a session only a minimal environment: the daemons and ranks need the container's (CUDA's library path)
env | grep -E '^(PATH|LD_LIBRARY_PATH|JAVA_HOME|CUDA_[A-Z_]*|NVIDIA_[A-Z_]*)=' > /root/.ssh/environment
ssh-keygen -A
mkdir -p /run/sshd
/usr/sbin/sshd -p "$port" -o PermitUserEnvironment=yes -o PasswordAuthentication=no \
  -o PermitRootLogin=prohibit-password

exec java -cp "/opt/hourglass/agent/classes:$(cat /opt/hourglass/agent/classpath.txt)" dev.hourglass.agent.AgentCommand \
  --worker-classpath "/opt/hourglass/worker/classes:$(cat /opt/hourglass/worker/classpath.txt)" \
  --work-dir "$HOURGLASS_WORK_DIR" "$@"
