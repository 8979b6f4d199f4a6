#!/usr/bin/env bash
# Exchanges public keys between Smarty Exchange nodes whose configurations are reachable on
# this machine, so that every node pins (and pulls from) every other. See deploy/README.md,
# "Exchange keys between regions".
set -euo pipefail

prog=$(basename "$0")

usage() {
    cat <<EOF
Usage: $prog [--pin-only] CONFIG=URL CONFIG=URL [CONFIG=URL ...]

Each argument names one node: the path of its smarty.toml on this machine and its public
URL (the public_url peers use; if "=URL" is left out, the public_url line of the
configuration is used). For every node, runs 'smarty keys show' into a temporary folder,
then on every node runs, for every other node:

  smarty peers add --config CONFIG --region REGION --url URL --jwks FILE

Each region is read from the 'region = "..."' line of its configuration.

Options:
  --pin-only   pin the keys without --url: nodes accept each other's records (also through
               relays) and may read each other's feeds, but do not pull from each other;
               on a node that already pulls from a peer, this stops the pulling
  -h, --help   show this help

Environment:
  SMARTY_BIN   the smarty binary to run (default: smarty on PATH)

Run it as a user that can read and write every node's data directory (for a systemd node,
the smarty user). Peers are upserted, so running it again is harmless; changed keys make
the next sync round re-read the feeds.
EOF
}

die() {
    printf '%s: %s\n' "$prog" "$*" >&2
    exit 1
}

smarty_bin=${SMARTY_BIN:-smarty}
pin_only=0
configs=()
urls=()

nodes=()
while (($# > 0)); do
    case $1 in
        -h | --help)
            usage
            exit 0
            ;;
        --pin-only)
            pin_only=1
            ;;
        --)
            shift
            nodes+=("$@")
            break
            ;;
        -*)
            die "unknown option: $1 (see $prog -h)"
            ;;
        *)
            nodes+=("$1")
            ;;
    esac
    shift
done

# Reads a top-level string key (region, public_url) from a configuration file.
config_value() {
    local key=$1 file=$2
    sed -n -E "s/^[[:space:]]*${key}[[:space:]]*=[[:space:]]*\"([^\"]*)\".*$/\1/p" "$file" | head -n 1
}

for arg in "${nodes[@]}"; do
    if [[ $arg == *=* ]]; then
        config=${arg%%=*}
        url=${arg#*=}
    else
        config=$arg
        url=
    fi
    [[ -r $config ]] || die "cannot read configuration $config"
    if [[ -z $url && $pin_only -eq 0 ]]; then
        url=$(config_value public_url "$config")
        [[ -n $url ]] || die "$config has no public_url: give it as $config=URL"
    fi
    configs+=("$config")
    urls+=("$url")
done

((${#configs[@]} >= 2)) || die "give at least two nodes as CONFIG=URL (see $prog -h)"
command -v "$smarty_bin" >/dev/null 2>&1 || die "cannot run $smarty_bin (set SMARTY_BIN)"

workdir=$(mktemp -d "${TMPDIR:-/tmp}/smarty-keys.XXXXXX")
trap 'rm -rf -- "$workdir"' EXIT
chmod 0755 "$workdir"

regions=()
for i in "${!configs[@]}"; do
    config=${configs[$i]}
    region=$(config_value region "$config")
    [[ -n $region ]] || die "$config has no region = \"...\" line"
    for seen in "${regions[@]}"; do
        [[ $seen != "$region" ]] || die "two configurations are for region $region"
    done
    regions+=("$region")
    jwks="$workdir/$region.jwks"
    "$smarty_bin" keys show --config "$config" >"$jwks" || die "smarty keys show failed for $config"
    chmod 0644 "$jwks"
    printf 'keys of %-14s from %s\n' "$region" "$config"
done

for i in "${!configs[@]}"; do
    for j in "${!configs[@]}"; do
        ((i != j)) || continue
        args=(peers add --config "${configs[$i]}" --region "${regions[$j]}" --jwks "$workdir/${regions[$j]}.jwks")
        if ((pin_only == 0)); then
            args+=(--url "${urls[$j]}")
        fi
        printf '%s: ' "${regions[$i]}"
        "$smarty_bin" "${args[@]}" || die "smarty peers add failed on ${configs[$i]} for ${regions[$j]}"
    done
done

printf 'done: %d nodes, %d peer entries\n' "${#configs[@]}" $((${#configs[@]} * (${#configs[@]} - 1)))
