# The Hourglass trainer agent of one node, with Open MPI and its Java bindings, on the CUDA runtime that
# ND4J's CUDA backend (nd4j-cuda-11.6) was built for. Build from the repository root:
#   docker build -f docker/trainer-agent.Dockerfile -t hourglass/trainer-agent .
FROM nvidia/cuda:11.6.2-cudnn8-runtime-ubuntu20.04
ENV DEBIAN_FRONTEND=noninteractive
RUN apt-get update && apt-get install -y --no-install-recommends openjdk-17-jdk-headless openssh-client \
    ca-certificates curl && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY . .
# The same installer ./hourglass test uses: Open MPI and mpi.jar built from the distribution's source package.
# Ubuntu 20.04 (the CUDA 11.6 images' base) ships Open MPI 4.0.3, not Debian 12's 4.1.4.
ENV HOURGLASS_OPENMPI_VERSION=4.0.3
RUN scripts/install/openmpi-java.sh \
    && ./mvnw -B -q -DskipTests -Dopenmpi.version=4.0.3 -pl trainer-agent -am package
RUN mkdir -p /opt/hourglass && cp -r trainer-agent/target/classes /opt/hourglass/classes \
    && cp trainer-agent/target/classpath.txt /opt/hourglass/classpath.txt
ENV HOURGLASS_WORK_DIR=/var/lib/hourglass
VOLUME /var/lib/hourglass
ENTRYPOINT ["sh", "-c", "exec java -cp /opt/hourglass/classes:$(cat /opt/hourglass/classpath.txt) dev.hourglass.trainer.agent.AgentCommand --work-dir \"$HOURGLASS_WORK_DIR\" \"$@\"", "agent"]
