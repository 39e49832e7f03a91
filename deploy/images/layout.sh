#!/usr/bin/env bash
# layout.sh COMPONENT ROOT - stage the files of image COMPONENT (deploy/images/COMPONENT.image) under ROOT.
# Both image builds call this: .ci/images (image.sh on the test cluster's base archives) and
# deploy/images/publish (jib to a registry or a tar). Run from anywhere; reads the repository's build output.
set -euo pipefail
[ $# -eq 2 ] || { echo "usage: layout.sh COMPONENT ROOT" >&2; exit 2; }
HERE=$(cd "$(dirname "$0")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
DESC=$HERE/$1.image
[ -f "$DESC" ] || { echo "layout.sh: no image description $DESC" >&2; exit 2; }
ROOT=$(mkdir -p "$2" && cd "$2" && pwd)
need_file() { [ -e "$1" ] || { echo "layout.sh: missing $1: $2" >&2; exit 1; }; }
# shellcheck source=sidecar.image
. "$DESC"
cd "$REPO"
rm -rf "${ROOT:?}"/* 2>/dev/null || true
stage_image "$ROOT"
