#!/usr/bin/env bash
# Every long option in the CLI's table of options appears in --help and in the man page.
set -u
main="$TMA_SOURCE_DIR/src/cli/main.c"
man="$TMA_SOURCE_DIR/docs/tmalign.1"
help=$("$TMALIGN" --help)
options=$(sed -n '/^static const cli_option OPTIONS\[\]/,/^};/p' "$main" |
          grep -oE '^ *\{"[a-z]*", *([0-9]+|'"'"'.'"'"'), *"[a-z-]+"' | grep -oE '"[a-z-]+"$' | tr -d '"')
if [ -z "$options" ]; then
    echo "found no options in $main"
    exit 1
fi
status=0
for o in $options; do
    grep -q -- "--$o" <<<"$help" || { echo "--$o is not in tmalign --help"; status=1; }
    grep -q -- "\\\\-\\\\-$o" "$man" || { echo "--$o is not in docs/tmalign.1"; status=1; }
done
echo "$(wc -w <<<"$options") options checked"
exit $status
