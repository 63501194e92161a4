# lib.sh: helpers shared by the side-by-side benchmark scripts; sourced,
# not run. The scripts cd to the repository root before sourcing it.

# need_cmd NAME HINT: stop with one line if the command NAME is missing.
need_cmd() {
	if ! command -v "$1" >/dev/null 2>&1; then
		echo "$(basename "$0"): $1 not found; to install it: $2" >&2
		exit 1
	fi
}

# need_py_module MODULE PACKAGE: stop with one line if the system python3
# (/usr/bin/python3) cannot import MODULE.
need_py_module() {
	if [ ! -x /usr/bin/python3 ]; then
		echo "$(basename "$0"): /usr/bin/python3 not found; install it with: apt-get update && apt-get install -y python3 $2" >&2
		exit 1
	fi
	if ! /usr/bin/python3 -c "import $1" >/dev/null 2>&1; then
		echo "$(basename "$0"): /usr/bin/python3 cannot import $1; install it with: apt-get update && apt-get install -y $2" >&2
		exit 1
	fi
}

# field KEY LINE: the value of KEY=value in a result line.
field() {
	printf '%s\n' "$2" | tr ' ' '\n' | sed -n "s/^$1=//p"
}

# median V...: the median of the numbers given.
median() {
	printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 }
		END { if (NR % 2) print v[(NR + 1) / 2]; else printf "%.3f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

# ratio A B: A/B to two decimals.
ratio() {
	awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f\n", a / b }'
}

# build_go DIR: build the Go drivers into DIR.
build_go() {
	go build -o "$1/seedruns" ./bench/cmd/seedruns &&
		go build -o "$1/xorsteps" ./bench/cmd/xorsteps
}

# run_logged CMD...: run CMD, echo its result line indented, and keep it
# in $LINE. Stops the script if CMD fails.
run_logged() {
	if ! LINE=$("$@"); then
		echo "$(basename "$0"): failed: $*" >&2
		exit 1
	fi
	echo "  $LINE"
}
