# Sourced by ./quarry, scripts/test.sh and .ci/run. Defines quarry_java_home, which prints the home
# of a JDK >= 25 (Quarry's target) or fails with a message. Order: $JAVA_HOME, `java` on PATH, then
# the usual JVM folders (Debian's /usr/lib/jvm, /opt, SDKMAN, /Library/Java on macOS).

quarry_required_java=25

quarry_java_major() { # <java executable> -> major version number, or 0
  local v
  v=$("$1" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ {print $2; exit}')
  case "$v" in
    1.*) echo 1 ;;
    '') echo 0 ;;
    *) echo "${v%%.*}" ;;
  esac
}

quarry_is_jdk() { # <home> -> success if it holds java and javac of the required version
  [ -x "$1/bin/java" ] && [ -x "$1/bin/javac" ] && [ "$(quarry_java_major "$1/bin/java")" -ge "$quarry_required_java" ]
}

quarry_java_home() {
  local candidate
  if [ -n "${JAVA_HOME:-}" ] && quarry_is_jdk "$JAVA_HOME"; then echo "$JAVA_HOME"; return 0; fi
  if command -v java >/dev/null 2>&1; then
    candidate=$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")
    if quarry_is_jdk "$candidate"; then echo "$candidate"; return 0; fi
  fi
  for candidate in $(ls -d /usr/lib/jvm/* /opt/*jdk* /opt/java/* "$HOME"/.sdkman/candidates/java/* \
      /Library/Java/JavaVirtualMachines/*/Contents/Home 2>/dev/null | sort -rV); do
    if quarry_is_jdk "$candidate"; then echo "$candidate"; return 0; fi
  done
  echo "quarry: no JDK $quarry_required_java or newer found (looked at \$JAVA_HOME, java on PATH, /usr/lib/jvm, /opt, ~/.sdkman)." >&2
  echo "quarry: install one (e.g. Temurin $quarry_required_java) or point JAVA_HOME at it." >&2
  return 1
}
