# One image for Heron's services. docker-compose.yml picks the module and main class per service.
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /heron
COPY . .
RUN mvn -B -q -DskipTests package

FROM eclipse-temurin:17-jre
WORKDIR /heron
# The launch classpaths (target/classpath.txt) name jars in the build stage's local repository.
COPY --from=build /root/.m2/repository /root/.m2/repository
COPY --from=build /heron /heron
ENV HERON_HOME=/var/lib/heron
# HERON_MODULE and HERON_MAIN are set per service.
CMD ["sh", "-c", "exec java $JAVA_OPTS -cp \"/heron/$HERON_MODULE/target/classes:$(cat /heron/$HERON_MODULE/target/classpath.txt)\" $HERON_MAIN"]
