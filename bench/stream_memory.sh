#!/usr/bin/env bash
# stream_memory.sh: peak memory of 'neuron train --csv FILE --stream' on a
# generated CSV file larger than 2 GB, against the same command on a file
# of a thousandth the size: streaming holds a chunk of rows (and 16 bytes
# per held-out row), so the two peaks should be close.
#
# Usage, from the repository root: bash bench/stream_memory.sh
# Settings (environment): BYTES=2200000000 EPOCHS=1 KEEP= (a directory to
# keep the big file in; by default a temporary one, removed at the end)
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh

BYTES=${BYTES:-2200000000}
EPOCHS=${EPOCHS:-1}
need_cmd go "get the Go toolchain, version 1.26 or later"
[ -x /usr/bin/time ] || { echo "stream_memory.sh: /usr/bin/time not found; to install it: apt-get update && apt-get install -y time" >&2; exit 1; }

dir=${KEEP:-$(mktemp -d)}
[ -n "${KEEP:-}" ] || trap 'rm -rf "$dir"' EXIT
go build -o "$dir/neuron" ./cmd/neuron
go build -o "$dir/gencsv" ./bench/cmd/gencsv
echo "stream_memory: $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
for size in $((BYTES / 1000)) "$BYTES"; do
	file="$dir/rows-$size.csv"
	[ -s "$file" ] || "$dir/gencsv" -bytes "$size" > "$file"
	/usr/bin/time -f 'peak_rss_kb=%M seconds=%e' -o "$dir/time" \
		"$dir/neuron" train --csv "$file" --stream --epochs "$EPOCHS" --loss cross-entropy --order shuffle --rate 0.01 >"$dir/out"
	echo "file_bytes=$(stat -c %s "$file") $(cat "$dir/time")"
	grep -E "held out|right\.|accuracy" "$dir/out" | head -3 | sed 's/^/  /'
done
