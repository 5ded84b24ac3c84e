#!/usr/bin/env bash
# The Linux build (`make dist`): the frozen one-folder bundle in dist/tafdesk,
# then dist/tafdesk-VERSION-linux-x86_64.tar.gz and dist/tafdesk_VERSION_amd64.deb.
# Usage: installer/linux/build.sh PYTHON   (a Python with tafdesk[dist] installed)
set -euo pipefail
cd "$(dirname "$0")/../.."
python=${1:-python3}
started=$SECONDS
version=$("$python" -c 'import re,sys; print(re.search(r"__version__ = \"(.+)\"", open("tafdesk/__init__.py").read()).group(1))')
linux=installer/linux
stage=build/linux

rm -rf dist/tafdesk "$stage"
"$python" -m PyInstaller --noconfirm --clean --log-level WARN \
  --distpath dist --workpath build/pyinstaller installer/tafdesk.spec
"$python" installer/render_icons.py "$stage/icons"

# The tarball: the bundle, with the desktop entry, metainfo and icons beside it.
tar_root="$stage/tafdesk-$version"
mkdir -p "$tar_root/share/applications" "$tar_root/share/metainfo"
cp -a dist/tafdesk/. "$tar_root/"
cp "$linux/org.tafdesk.tafdesk.desktop" "$tar_root/share/applications/"
cp "$linux/org.tafdesk.tafdesk.metainfo.xml" "$tar_root/share/metainfo/"
cp -a "$stage/icons" "$tar_root/share/icons"
tar -C "$stage" -czf "dist/tafdesk-$version-linux-x86_64.tar.gz" "tafdesk-$version"

# The .deb: the bundle in /opt/tafdesk, the command in /usr/bin.
deb="$stage/deb"
mkdir -p "$deb/DEBIAN" "$deb/opt" "$deb/usr/bin" "$deb/usr/share/applications" "$deb/usr/share/metainfo" \
  "$deb/usr/share/icons/hicolor" "$deb/usr/share/doc/tafdesk"
cp -a dist/tafdesk "$deb/opt/tafdesk"
ln -s /opt/tafdesk/tafdesk "$deb/usr/bin/tafdesk"  # across top-level folders: absolute, as Debian policy asks
cp "$linux/org.tafdesk.tafdesk.desktop" "$deb/usr/share/applications/"
cp "$linux/org.tafdesk.tafdesk.metainfo.xml" "$deb/usr/share/metainfo/"
cp -a "$stage/icons/." "$deb/usr/share/icons/hicolor/"
cp "$linux/copyright" "$deb/usr/share/doc/tafdesk/copyright"
gzip -9n < "$linux/changelog" > "$deb/usr/share/doc/tafdesk/changelog.gz"
mkdir -p "$deb/usr/share/lintian/overrides"
cp "$linux/lintian-overrides" "$deb/usr/share/lintian/overrides/tafdesk"
find "$deb/opt/tafdesk/_internal" -type f -name "*.so*" -exec chmod 0644 {} +  # libraries are loaded, not run
size_kib=$(du -sk --exclude=DEBIAN "$deb" | cut -f1)
sed -e "s/@VERSION@/$version/" -e "s/@SIZE_KIB@/$size_kib/" "$linux/control.in" > "$deb/DEBIAN/control"
find "$deb" -type d -exec chmod 0755 {} +
dpkg-deb --root-owner-group -Zgzip --build "$deb" "dist/tafdesk_${version}_amd64.deb" >/dev/null

# Checks that need only the files (the smoke test runs the program).
if command -v desktop-file-validate >/dev/null; then desktop-file-validate "$linux/org.tafdesk.tafdesk.desktop"; fi
if command -v appstreamcli >/dev/null; then appstreamcli validate --no-net --pedantic "$linux/org.tafdesk.tafdesk.metainfo.xml" >/dev/null; fi

echo "bundle  dist/tafdesk: $(du -sm dist/tafdesk | cut -f1) MiB"
for f in "dist/tafdesk-$version-linux-x86_64.tar.gz" "dist/tafdesk_${version}_amd64.deb"; do
  echo "package $f: $(du -m "$f" | cut -f1) MiB"
done
echo "built in $((SECONDS - started)) s"
