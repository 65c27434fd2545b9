# proxylint as a container image: docker build -t proxylint . && docker run --rm -v "$PWD:/src" proxylint check .
# Also what the pre-commit hook `proxylint-docker` (language: docker) builds on its first run.
# Stage 1 builds the runnable jar with Maven; stage 2 is a Java 17 runtime with the jar, the
# launcher (bin/proxylint) and a class-data archive recorded at build time, for a fast start.
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /build
COPY pom.xml ./
COPY grammars grammars
COPY rules rules
COPY src/main src/main
RUN mvn -B -ntp -q package -DskipTests -Dmaven.test.skip=true

FROM eclipse-temurin:17-jre
COPY --from=build /build/target/proxylint.jar /opt/proxylint/target/proxylint.jar
COPY bin/proxylint /opt/proxylint/bin/proxylint
COPY examples /opt/proxylint/examples
# one recorded run writes the class-data archive; any user can read it later (the image runs
# pre-commit's files as the caller's uid, which cannot write here)
ENV PROXYLINT_CACHE=/opt/proxylint/cache
RUN ln -s /opt/proxylint/bin/proxylint /usr/local/bin/proxylint \
    && proxylint check --exit-zero --format concise /opt/proxylint/examples > /dev/null \
    && chmod -R a+rX /opt/proxylint
WORKDIR /src
ENTRYPOINT ["proxylint"]
CMD ["--help"]
