#!/usr/bin/env bash
# Every long option in the CLI's table of options appears in the help of each command it belongs
# to (the overview for the options of every command) and in the man page.
set -u
table="$TMA_SOURCE_DIR/src/cli/options.c"
man="$TMA_SOURCE_DIR/docs/tmalign.1"
# Each entry as COMMANDS|LONG-NAME: {"align batch", OPT_X, "long-name", ...
entries=$(sed -n '/^static const cli_option OPTIONS\[\]/,/^};/p' "$table" |
          grep -oE '^ *\{"[a-z ]*", *([A-Z_]+|'"'"'.'"'"'), *"[a-z-]+"' |
          sed -E 's/^ *\{"([a-z ]*)", *[^,]+, *"([a-z-]+)"$/\1|\2/')
if [ -z "$entries" ]; then
    echo "found no options in $table"
    exit 1
fi
status=0
count=0
while IFS='|' read -r commands option; do
    count=$((count + 1))
    for command in ${commands:-""}; do
        help=$("$TMALIGN" help "$command") || { echo "tmalign help $command failed"; status=1; }
        grep -q -- "--$option" <<<"$help" ||
            { echo "--$option is not in tmalign help $command"; status=1; }
    done
    if [ -z "$commands" ]; then
        grep -q -- "--$option" <<<"$("$TMALIGN" --help)" ||
            { echo "--$option is not in tmalign --help"; status=1; }
    fi
    grep -q -- "\\\\-\\\\-$option" "$man" || { echo "--$option is not in docs/tmalign.1"; status=1; }
done <<<"$entries"
echo "$count options checked"
exit $status
