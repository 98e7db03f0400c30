#!/usr/bin/env bash
# Makes WILDFLY_HOME/standalone/configuration/standalone-latchkey.xml: WildFly's stock
# standalone.xml with the changes of latchkey.cli, applied offline. Does nothing when that file is newer than this script and
# latchkey.cli. Usage: server-config/wildfly/configure.sh /path/to/wildfly-39.0.1.Final
set -euo pipefail
wildfly_home=${1:?usage: configure.sh WILDFLY_HOME}
here=$(cd "$(dirname "$0")" && pwd)
configuration="$wildfly_home/standalone/configuration"
target="$configuration/standalone-latchkey.xml"
if [[ -f $target && $target -nt $here/latchkey.cli && $target -nt $here/configure.sh ]]; then
  echo "$target is up to date"
  exit 0
fi
cp "$configuration/standalone.xml" "$target"
# A half-configured file must not look up to date next time.
"$wildfly_home/bin/jboss-cli.sh" --file="$here/latchkey.cli" || { rm -f "$target"; exit 1; }
