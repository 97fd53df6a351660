#!/usr/bin/env bash
# Builds the packaged application: `./mvnw -B -Pdist -DskipTests package` calls this after the jar and target/lib exist.
#   target/dist/event-processor/        a runtime image (jlink: the JDK modules of modules.txt and JavaFX) with the
#                                       application in app/ and bin/event-processor, which runs every command
#   target/dist/event-processor_*.deb   the same through jpackage, where dpkg-deb and fakeroot are installed
# Arguments: the build directory (target) and the JDK to link from (it must have jmods/: Debian's openjdk-17-jmods).
set -euo pipefail
target="$1"
jdk="$2"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
version="${3:-0.1.0}"
dist="$target/dist"
work="$target/dist-work"
image="$dist/event-processor"

if [ ! -d "$jdk/jmods" ]; then
  echo "No $jdk/jmods: jlink needs the JDK's modules. On Debian: apt-get install openjdk-17-jmods (or use a JDK that has jmods/)." >&2
  exit 1
fi
modules="$(grep -v '^#' "$here/modules.txt" | grep -v '^$' | paste -sd, -)"
rm -rf "$dist" "$work/runtime" "$work/app"
mkdir -p "$dist" "$work/app/lib"

echo "Linking the runtime image ($modules)..."
# JavaFX comes as Maven's modular jars (target/dist-work/javafx, the linux ones); their native libraries are extracted
# to ~/.openjfx/cache on first use. --generate-cds-archive gives the image the JDK's class-data archive (faster start).
"$jdk/bin/jlink" --module-path "$jdk/jmods:$work/javafx" --add-modules "$modules" \
  --strip-debug --no-header-files --no-man-pages --compress=2 --generate-cds-archive \
  --output "$work/runtime"

# The application: our jar and every library but JavaFX, which the runtime has as modules.
cp "$target/event-processor.jar" "$work/app/"
for jar in "$target"/lib/*.jar; do
  case "$(basename "$jar")" in javafx-*) ;; *) cp "$jar" "$work/app/lib/" ;; esac
done

cp -a "$work/runtime" "$image"
cp -a "$work/app" "$image/app"
install -m 0755 "$here/event-processor" "$image/bin/event-processor"
echo "Runtime image: $image ($(du -sh "$image" | cut -f1)); start it with $image/bin/event-processor"

if command -v dpkg-deb > /dev/null && command -v fakeroot > /dev/null; then
  echo "Packaging a .deb with jpackage..."
  "$jdk/bin/jpackage" --type deb --name event-processor --app-version "$version" \
    --description "PostgreSQL outbox -> Debezium -> Kafka -> event processor -> MongoDB, measured per event, with its dashboard" \
    --vendor "Event Processor" --linux-package-name event-processor --linux-app-category devel \
    --input "$work/app" --main-jar event-processor.jar --main-class io.eventprocessor.cli.Main --java-options -XX:TieredStopAtLevel=1 \
    --runtime-image "$work/runtime" --dest "$dist"
  for deb in "$dist"/*.deb; do echo ".deb: $deb ($(du -sh "$deb" | cut -f1)); installs /opt/event-processor/bin/event-processor"; done
else
  echo "No .deb: jpackage needs dpkg-deb and fakeroot (apt-get install fakeroot)."
fi
