import { describe, expect, it } from 'vitest';
import { CLOSED_POLICY, secured, withTileSource } from './security-headers.ts';

const pagePolicy = "default-src 'self'; img-src 'self' data: blob: https://data.geopf.fr; frame-ancestors 'none'";

describe('security headers', () => {
  it('gives every answer nosniff and a referrer policy, a page its own policy and anything else a closed one', () => {
    const page = secured(new Response('<p>', { headers: { 'content-type': 'text/html', 'content-security-policy': pagePolicy } }), undefined);
    expect(page.headers.get('content-security-policy')).toBe(pagePolicy);
    const api = secured(Response.json({ ok: true }), undefined);
    expect(api.headers.get('content-security-policy')).toBe(CLOSED_POLICY);
    for (const response of [page, api]) {
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(response.headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin');
    }
  });

  it('copies the immutable headers of a redirect', async () => {
    const response = secured(Response.redirect('http://127.0.0.1/compte', 302), undefined);
    expect(response.status).toBe(302);
    expect(response.headers.get('location')).toBe('http://127.0.0.1/compte');
    expect(response.headers.get('content-security-policy')).toBe(CLOSED_POLICY);
  });

  it('allows the images of another tile server of PUBLIC_MAP_TILE_URL, and nothing from a URL it cannot read', () => {
    expect(withTileSource(pagePolicy, 'https://{s}.tile.example.org/{z}/{x}/{y}.png')).toBe(
      "default-src 'self'; img-src https://*.tile.example.org 'self' data: blob: https://data.geopf.fr; frame-ancestors 'none'",
    );
    expect(withTileSource(pagePolicy, 'https://data.geopf.fr/wmts?layer=x&z={z}')).toBe(pagePolicy);
    expect(withTileSource(pagePolicy, undefined)).toBe(pagePolicy);
    for (const odd of ["https://evil.example'; script-src *", 'javascript:alert(1)', '/tiles/{z}/{x}/{y}.png', 'https://a b.example/']) {
      expect(withTileSource(pagePolicy, odd), odd).toBe(pagePolicy);
    }
  });
});
