#!/usr/bin/env bash
# The installed library as its users get it. `cmake --install` into a DESTDIR and the .deb that
# CPack makes both hold tmalign, libtmalign.so (with its soname) and .a, tmalign.h, tmalign.pc and
# the man page; a C program builds against each with `pkg-config --cflags --libs tmalign` and runs.
# The .deb depends on the Debian packages of the libraries it links. Usage: package.sh BUILD_DIR
set -u
build=$1
work="$TMA_TEST_OUT/install"
rm -rf "$work" && mkdir -p "$work" && cd "$work" || exit 1
fail() { echo "FAIL: $*" >&2; exit 1; }

# Builds tests/install/client.c against the tree under ROOT and runs it: two 1-1 units.
client() {
    local root=$1 name=$2 pc
    pc=$(find "$root" -name tmalign.pc -path '*/pkgconfig/*' | head -1)
    [ -n "$pc" ] || fail "$name: no tmalign.pc installed"
    local flags
    flags=$(PKG_CONFIG_PATH=$(dirname "$pc") pkg-config --cflags --libs tmalign) ||
        fail "$name: pkg-config cannot read $pc"
    cc -std=c11 -Wall -Werror "$TMA_SOURCE_DIR/tests/install/client.c" $flags -o "client-$name" ||
        fail "$name: the client does not build with: $flags"
    local libdir
    libdir=$(dirname "$(dirname "$pc")")
    LD_LIBRARY_PATH="$libdir" ldd "client-$name" | grep -q "libtmalign.so.0 => $libdir/" || fail "$name: not linked to $libdir"
    LD_LIBRARY_PATH="$libdir" "./client-$name" >"client-$name.out" || fail "$name: the client failed"
    [ "$(cut -d' ' -f1 "client-$name.out" | tr '\n' ' ')" = "1-1 1-1 " ] ||
        fail "$name: the client printed $(cat "client-$name.out")"
    echo "$name: client built with '$flags' and aligned $(wc -l <"client-$name.out") units"
}

# The files every installed tree holds, under PREFIX.
check_tree() {
    local prefix=$1 name=$2 f
    for f in bin/tmalign include/tmalign.h share/man/man1/tmalign.1; do
        [ -f "$prefix/$f" ] || fail "$name: $f is not installed"
    done
    local so
    so=$(find "$prefix" -name 'libtmalign.so.0.*' -type f | head -1)
    [ -n "$so" ] || fail "$name: no libtmalign.so.0.* installed"
    [ -n "$(find "$prefix" -name libtmalign.a)" ] || fail "$name: no libtmalign.a installed"
    objdump -p "$so" | grep -q 'SONAME *libtmalign.so.0$' || fail "$name: $so has no soname libtmalign.so.0"
    # Only what tmalign.h declares is exported.
    local exported declared
    exported=$(nm -D --defined-only "$so" | awk '$2 == "T" {sub(/@.*/, "", $3); print $3}' | sort)
    declared=$(grep -oE '^[a-z].*[ *](tma_[a-z0-9_]+)\(' "$TMA_SOURCE_DIR/src/include/tmalign.h" |
        grep -oE 'tma_[a-z0-9_]+\($' | tr -d '(' | sort)
    [ "$exported" = "$declared" ] ||
        fail "$name: exported symbols differ from tmalign.h: $(diff <(echo "$declared") <(echo "$exported") | grep '^[<>]' | tr '\n' ' ')"
    "$prefix/bin/tmalign" --version >/dev/null || fail "$name: the installed tmalign does not run"
}

DESTDIR="$work/destdir" cmake --install "$build" --prefix /opt/tmalign >install.log ||
    { cat install.log; fail "cmake --install failed"; }
check_tree "$work/destdir/opt/tmalign" install
client "$work/destdir/opt/tmalign" install

cpack -G DEB -B "$work/deb" --config "$build/CPackConfig.cmake" >cpack.log 2>&1 ||
    { cat cpack.log; fail "cpack failed"; }
deb=$(ls "$work"/deb/*.deb 2>/dev/null | head -1)
[ -n "$deb" ] || fail "cpack made no .deb"
depends=$(dpkg-deb -f "$deb" Depends)
for lib in libicu libxml2 libhunspell libc6; do
    echo "$depends" | grep -q "$lib" || fail "the .deb does not depend on $lib: $depends"
done
echo "$(basename "$deb"): Depends: $depends"
dpkg-deb -x "$deb" "$work/root" || fail "dpkg-deb cannot unpack $deb"
check_tree "$work/root/usr" deb
client "$work/root/usr" deb
