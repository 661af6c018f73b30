#!/bin/sh
# The app as a newcomer starts it: the README's command in a checkout of its own, with no variable set
# (no ORIGIN, no PORT, no data directory): http://localhost:3000. The checkout is this one seen through
# symbolic links, with an empty data directory, so the developer's ./data is never touched.
set -e
root="$(cd "$(dirname "$0")/../.." && pwd)"
home="$root/tmp/newcomer"
rm -rf "$home"
mkdir -p "$home"
for entry in package.json package-lock.json node_modules bin scripts src build drizzle messages static \
  project.inlang paraglide.config.js svelte.config.js vite.config.ts tsconfig.json .svelte-kit; do
  ln -s "$root/$entry" "$home/$entry"
done
cd "$home"
exec env -i PATH="$PATH" HOME="$HOME" npm run demo
