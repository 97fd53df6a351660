# syntax=docker/dockerfile:1
# The event processor image: docker-compose.yml runs it with the `processor` subcommand.

# Plain JDK rather than the maven image: that image sets MAVEN_CONFIG=/root/.m2, which mvnw passes to
# Maven as a goal ("Unknown lifecycle phase /root/.m2"). mvnw fetches the Maven version the repo pins.
FROM eclipse-temurin:17-jdk AS build
WORKDIR /build
# The whole context (see .dockerignore): the build may read more than pom.xml and src/.
COPY . .
# The cache mount keeps ~/.m2 (dependencies and the wrapper's Maven) between builds.
RUN --mount=type=cache,target=/root/.m2 ./mvnw -B -DskipTests package

FROM eclipse-temurin:17-jre
WORKDIR /app
# The jar's manifest puts lib/*.jar on the class path, relative to the jar: both land in /app.
COPY --from=build /build/target/event-processor.jar /app/event-processor.jar
COPY --from=build /build/target/lib/ /app/lib/
# Not root; local state goes to a directory this user owns.
RUN useradd --system --uid 10001 --home-dir /data --create-home eventprocessor
ENV EVENT_PROCESSOR_HOME=/data
USER eventprocessor
ENTRYPOINT ["java", "-jar", "/app/event-processor.jar"]
CMD ["processor"]
