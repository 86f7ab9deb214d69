#!/usr/bin/env bash
# `cmake --install` into a fresh prefix, then the installed tool's network commands there (see
# network_commands.sh): the tool finds its module relative to itself, wherever the prefix is.
#   tests/install/prefix_network.sh BUILD_DIR SOURCE_DIR
set -euo pipefail
build=$(realpath "$1")
source=$(realpath "$2")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cmake --install "$build" --prefix "$work/prefix" > "$work/install.log"
install -m 600 "$source/samples/signed/secret.txt" "$work/secret.txt"
# Moved after installing: the path to the module is relative, so the tree still works.
mv "$work/prefix" "$work/moved"
bash "$source/tests/install/network_commands.sh" "$work/moved/bin/ats-hook" "$work/secret.txt"
