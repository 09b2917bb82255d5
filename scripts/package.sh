#!/usr/bin/env bash
# Builds the Debian package of tertial (issue 26): tertial_VERSION_amd64.deb, from a release
# build with the Swift runtime linked in (--static-swift-stdlib), so that it depends only on
# Debian's runtime libraries (ncursesw, SQLite, zlib, libc). It holds /usr/bin/tertial, the man
# page tertial(1) (made by swift-argument-parser's generate-manual from the built binary),
# completions for bash, zsh and fish (made by the binary), the sample data and the docs.
#
#   scripts/package.sh [OUT_DIR]          (default: out/; the build is kept in .build-pkg)
#
# The version is Sources/tertial/Version.swift's; the commit is written into the copy of the
# tree that is built (the working tree is not changed).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
version=$(sed -n 's/^    static let number = "\(.*\)"$/\1/p' Sources/tertial/Version.swift)
[ -n "$version" ] || { echo "package.sh: no version in Sources/tertial/Version.swift" >&2; exit 1; }
commit=$(git rev-parse --short=12 HEAD)
git diff --quiet HEAD -- Sources Package.swift || commit="$commit+changes"
out=$(mkdir -p "${1:-$root/out}" && cd "${1:-$root/out}" && pwd)
scratch=${TERTIAL_PACKAGE_SCRATCH:-$root/.build-pkg}
src=$scratch/src
stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT

# The tree as git knows it (tracked files, with their changes), the commit written in.
mkdir -p "$src"
find "$src" -mindepth 1 -maxdepth 1 -exec rm -rf {} +
git ls-files -z | tar --null -T - -cf - | tar -xf - -C "$src"
sed -i "s|^    static let commit: String? = nil$|    static let commit: String? = \"$commit\"|" "$src/Sources/tertial/Version.swift"
grep -q "\"$commit\"" "$src/Sources/tertial/Version.swift" || { echo "package.sh: could not write the commit" >&2; exit 1; }

swift build -c release --static-swift-stdlib --product tertial --package-path "$src" --scratch-path "$scratch/build"
bin=$("$(command -v swift)" build -c release --static-swift-stdlib --product tertial --package-path "$src" --scratch-path "$scratch/build" --show-bin-path)/tertial
swift build --product generate-manual --package-path "$src" --scratch-path "$scratch/build"
manual=$(swift build --package-path "$src" --scratch-path "$scratch/build" --show-bin-path)/generate-manual

# No library of the toolchain may be needed at run time.
if ldd "$bin" | grep -E "/opt/swift|libswift|libFoundation|libdispatch|libBlocksRuntime"; then
  echo "package.sh: the binary needs a library of the Swift toolchain" >&2; exit 1
fi

pkg=$stage/tertial_${version}_amd64
install -d "$pkg/DEBIAN" "$pkg/usr/bin" "$pkg/usr/share/man/man1" "$pkg/usr/share/bash-completion/completions" \
  "$pkg/usr/share/zsh/vendor-completions" "$pkg/usr/share/fish/vendor_completions.d" "$pkg/usr/share/doc/tertial" "$pkg/usr/share/tertial"
install -m 0755 "$bin" "$pkg/usr/bin/tertial"
strip --strip-unneeded "$pkg/usr/bin/tertial"
mkdir -p "$stage/man"
"$manual" "$pkg/usr/bin/tertial" --output-directory "$stage/man" --date "$(git log -1 --format=%cs)" --authors "Bergen kommune, Etat for psykisk helse og rustjenester"
gzip -9n -c "$stage/man/tertial.1" > "$pkg/usr/share/man/man1/tertial.1.gz"
"$pkg/usr/bin/tertial" --generate-completion-script bash > "$pkg/usr/share/bash-completion/completions/tertial"
"$pkg/usr/bin/tertial" --generate-completion-script zsh > "$pkg/usr/share/zsh/vendor-completions/_tertial"
"$pkg/usr/bin/tertial" --generate-completion-script fish > "$pkg/usr/share/fish/vendor_completions.d/tertial.fish"
cp -r sample-data "$pkg/usr/share/tertial/sample-data"
rm -rf "$pkg/usr/share/tertial/sample-data/followup"
cp README.md "$pkg/usr/share/doc/tertial/"
cp -r docs "$pkg/usr/share/doc/tertial/docs"
gzip -9n -c CHANGELOG.md > "$pkg/usr/share/doc/tertial/changelog.gz"
printf 'tertial %s (commit %s)\nBuilt from the tertial source tree; see README.md.\n' "$version" "$commit" > "$pkg/usr/share/doc/tertial/copyright"
find "$pkg/usr/share" -type d -exec chmod 0755 {} + ; find "$pkg/usr/share" -type f -exec chmod 0644 {} +

# Depends: the Debian package of every library the binary loads.
deps=$(ldd "$pkg/usr/bin/tertial" | awk '/=> \// {print $3}' | while read -r lib; do
  dpkg -S "$(readlink -f "$lib")" 2>/dev/null || dpkg -S "$lib" 2>/dev/null
done | cut -d: -f1 | sort -u | while read -r p; do
  v=$(dpkg-query -W -f='${Version}' "$p" | sed 's/-[^-]*$//')
  echo "$p (>= $v)"
done | paste -sd, - | sed 's/,/, /g')
size=$(du -sk "$pkg/usr" | cut -f1)
cat > "$pkg/DEBIAN/control" <<CONTROL
Package: tertial
Version: $version
Architecture: amd64
Maintainer: tertial <tertial@localhost>
Installed-Size: $size
Depends: $deps
Section: misc
Priority: optional
Description: tertial figures for Bergen's mental health and substance services
 A keyboard-driven terminal dashboard and command-line reports of the etat's
 scorecard, waitlist, individual plans and BrukerPlan, recomputed from a data
 directory, with follow-up and meetings in SQLite or PostgreSQL.
CONTROL
dpkg-deb --root-owner-group -Zxz --build "$pkg" "$out/tertial_${version}_amd64.deb" >/dev/null
echo "$out/tertial_${version}_amd64.deb"
echo "Depends: $deps"
