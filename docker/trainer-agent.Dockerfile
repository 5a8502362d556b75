# The Hourglass trainer agent of one node: the agent and the worker its mpirun starts, built with -Pcuda (ND4J's CUDA
# backend, nd4j-cuda-11.6) on the
# CUDA 11.6 runtime it was built for, Open MPI with its Java bindings, and sshd for mpirun between agent containers.
# Build from the repository root:
#   docker build -f docker/trainer-agent.Dockerfile -t hourglass/trainer-agent .
FROM nvidia/cuda:11.6.2-cudnn8-runtime-ubuntu20.04
ENV DEBIAN_FRONTEND=noninteractive
RUN apt-get update && apt-get install -y --no-install-recommends openjdk-17-jdk-headless openssh-client \
    openssh-server ca-certificates curl && rm -rf /var/lib/apt/lists/* && rm -f /etc/ssh/ssh_host_*_key*
WORKDIR /src
COPY . .
# The same installer ./hourglass test uses: Open MPI and mpi.jar built from the distribution's source package.
# Ubuntu 20.04 (the CUDA 11.6 images' base) ships Open MPI 4.0.3, not Debian 12's 4.1.4.
ENV HOURGLASS_OPENMPI_VERSION=4.0.3
RUN scripts/install/openmpi-java.sh \
    && ./mvnw -B -q -Pcuda -DskipTests -Dopenmpi.version=4.0.3 -pl agent,worker -am package
# The agent daemon (no ND4J) and the worker its mpirun starts on every node (the trainer, Mask R-CNN, ND4J)
RUN for module in agent worker; do mkdir -p /opt/hourglass/$module \
      && cp -r $module/target/classes /opt/hourglass/$module/classes \
      && cp $module/target/classpath.txt /opt/hourglass/$module/classpath.txt; done \
    && install -m 755 docker/agent-entrypoint.sh /opt/hourglass/agent-entrypoint.sh
# Job run directories: worker specs, metric cursors and checkpoints. The same path on every node, as mpirun needs.
ENV HOURGLASS_WORK_DIR=/var/lib/hourglass
VOLUME /var/lib/hourglass
# sshd for mpirun's daemons, on a port of its own so that a container on the host's network leaves the host's sshd be
ENV HOURGLASS_SSH_PORT=2222
EXPOSE 2222
ENTRYPOINT ["/opt/hourglass/agent-entrypoint.sh"]
