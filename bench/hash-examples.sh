#!/bin/sh
# Hashes of every example's outputs (DOCX and PDF), to prove that a change meant to keep
# behaviour keeps the bytes: run it with the binary before and after, then diff.
#   sh bench/hash-examples.sh OLD_BINARY > before.txt
#   sh bench/hash-examples.sh NEW_BINARY > after.txt && diff before.txt after.txt
set -eu
bin=${1:?usage: hash-examples.sh VANBAN_BINARY [CSV_ROWS_YAML...]}
shift
cd "$(dirname "$0")/.."
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
for f in data/examples/*.yaml "$@"; do
    case $(basename "$f") in
        *truoc*|nhiem-vu-*) continue ;; # inputs of other examples, not documents
    esac
    "$bin" render "$f" -o "$out" >/dev/null
done
cd "$out" && sha256sum -- *.docx *.pdf
