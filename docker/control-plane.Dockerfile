# The Hourglass control plane: REST API, pages, scheduler, agent endpoints.
# Build from the repository root:  docker build -f docker/control-plane.Dockerfile -t hourglass/control-plane .
FROM eclipse-temurin:17-jdk AS build
WORKDIR /src
COPY . .
RUN ./mvnw -B -q -DskipTests -pl backend -am package

FROM eclipse-temurin:17-jre
RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*
RUN useradd --system --home-dir /var/lib/hourglass hourglass && mkdir -p /var/lib/hourglass && chown hourglass /var/lib/hourglass
COPY --from=build /src/backend/target/hourglass-backend-0.1.0-SNAPSHOT-exec.jar /opt/hourglass/control-plane.jar
USER hourglass
ENV HOURGLASS_HOME=/var/lib/hourglass HOURGLASS_PORT=8080
EXPOSE 8080
HEALTHCHECK --interval=10s --timeout=3s --start-period=60s CMD curl -fsS http://localhost:8080/actuator/health || exit 1
ENTRYPOINT ["java", "-jar", "/opt/hourglass/control-plane.jar"]
