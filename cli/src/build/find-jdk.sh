#!/bin/sh
# find-jdk.sh MAJOR [HOME...]: prints the home of the first JDK of major version MAJOR or later,
# looking at the given homes, then $JAVA_HOME, then /usr/lib/jvm/* and /opt/java/*; prints nothing
# (and exits 0) when there is none, so the build can skip what needs it.
want=$1
shift
for home in "$@" "$JAVA_HOME" /usr/lib/jvm/* /opt/java/*; do
  [ -n "$home" ] && [ -x "$home/bin/java" ] && [ -f "$home/release" ] || continue
  major=$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$home/release")
  if [ -n "$major" ] && [ "$major" -ge "$want" ]; then
    echo "$home"
    exit 0
  fi
done
exit 0
