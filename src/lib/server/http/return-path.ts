/**
 * The one check of every redirect whose target comes from a request (`/langue?to=`, sign-in `retour=`):
 * a path of this site, or `fallback`. The candidate is resolved as the browser will resolve the Location
 * header (WHATWG URL: tabs and newlines dropped, `\` read as `/`, `.` and `..` segments removed, any
 * encoding), and kept only when it lands on `origin` as a path that a browser cannot read as another host.
 */
export function safeReturnPath(candidate: string | null | undefined, origin: string, fallback = '/'): string {
  if (!candidate || !candidate.startsWith('/')) return fallback;
  let target: URL;
  try {
    target = new URL(candidate, origin);
  } catch {
    return fallback;
  }
  if (target.origin !== new URL(origin).origin) return fallback;
  const path = `${target.pathname}${target.search}${target.hash}`;
  // `/.//host` resolves to the path `//host`, which a browser reads as another host when it is sent back.
  return path.startsWith('//') ? fallback : path;
}
