import { AsyncLocalStorage } from 'node:async_hooks';

// Where links in e-mails and calendars point. With ORIGIN set, always there. Without it (someone trying the
// app at http://localhost:3000 or http://127.0.0.1:3000, as the README starts it), the loopback address the
// request came to, so the links work in the browser that asked; a Host header naming anything else is never
// followed, or anyone could have the instance mail password-reset links to their own site.

const requestOrigin = new AsyncLocalStorage<string>();
const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/** Runs one request with its origin known to the code that writes links (hooks.server.ts). */
export function withRequestOrigin<T>(origin: string, run: () => T): T {
  return requestOrigin.run(origin, run);
}

export interface LinkSettings {
  /** ORIGIN, or http://localhost:PORT when it is not set. */
  publicUrl: string;
  /** Whether ORIGIN was set: then the request never changes where links point. */
  originIsSet?: boolean;
}

/** The origin to write links with, for the request being served (or the configured one outside requests). */
export function linkBase(settings: LinkSettings): string {
  const configured = new URL(settings.publicUrl).origin;
  if (settings.originIsSet) return configured;
  const origin = requestOrigin.getStore();
  if (!origin) return configured;
  try {
    const url = new URL(origin);
    return url.protocol === 'http:' && LOOPBACK_HOSTS.has(url.hostname) ? url.origin : configured;
  } catch {
    return configured;
  }
}

/** A link better-auth built from its base URL, moved to `base`. */
export function rebase(link: string, base: string): string {
  const url = new URL(link);
  const target = new URL(base);
  url.protocol = target.protocol;
  url.host = target.host;
  return url.toString();
}
