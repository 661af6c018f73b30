import { describe, expect, it } from 'vitest';
import { linkBase, rebase, withRequestOrigin } from './links.ts';

const unset = { publicUrl: 'http://localhost:3000', originIsSet: false };
const set = { publicUrl: 'https://maillage.example.org', originIsSet: true };

describe('link base', () => {
  it('is ORIGIN whenever it is set, whatever the request', () => {
    expect(withRequestOrigin('http://127.0.0.1:3000', () => linkBase(set))).toBe('https://maillage.example.org');
    expect(linkBase(set)).toBe('https://maillage.example.org');
  });

  it('without ORIGIN, follows the loopback address the browser used', () => {
    expect(withRequestOrigin('http://127.0.0.1:3000', () => linkBase(unset))).toBe('http://127.0.0.1:3000');
    expect(withRequestOrigin('http://[::1]:3000', () => linkBase(unset))).toBe('http://[::1]:3000');
    expect(withRequestOrigin('http://localhost:3000', () => linkBase(unset))).toBe('http://localhost:3000');
  });

  it('never follows a Host header naming another site (password-reset poisoning)', () => {
    for (const origin of ['http://evil.example', 'https://127.0.0.1:3000', 'http://127.0.0.1.evil.example', 'not a url']) {
      expect(withRequestOrigin(origin, () => linkBase(unset)), origin).toBe('http://localhost:3000');
    }
  });

  it('outside a request, is the configured URL', () => {
    expect(linkBase(unset)).toBe('http://localhost:3000');
  });

  it('moves a link to another origin, keeping its path and query', () => {
    expect(rebase('http://localhost:3000/api/auth/verify-email?token=a&callbackURL=%2Fcompte', 'http://127.0.0.1:4173')).toBe(
      'http://127.0.0.1:4173/api/auth/verify-email?token=a&callbackURL=%2Fcompte',
    );
  });
});
