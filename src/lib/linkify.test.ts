import { describe, expect, it } from 'vitest';
import { linkify } from './linkify.ts';

describe('linkify', () => {
  it('cuts text around web addresses, leaving sentence punctuation out of them', () => {
    expect(linkify('Open http://localhost:3000/api/auth/verify-email?token=a.b&callbackURL=%2Fcompte.\nThanks')).toEqual([
      { text: 'Open ' },
      { text: 'http://localhost:3000/api/auth/verify-email?token=a.b&callbackURL=%2Fcompte', href: 'http://localhost:3000/api/auth/verify-email?token=a.b&callbackURL=%2Fcompte' },
      { text: '.\nThanks' },
    ]);
    expect(linkify('(see https://example.org/a)')).toEqual([{ text: '(see ' }, { text: 'https://example.org/a', href: 'https://example.org/a' }, { text: ')' }]);
  });

  it('makes links of http and https addresses only', () => {
    expect(linkify('javascript:alert(1) ftp://example.org <b>')).toEqual([{ text: 'javascript:alert(1) ftp://example.org <b>' }]);
    expect(linkify('')).toEqual([]);
    expect(linkify('https://a.example/x"onclick=1').map((p) => p.href)).toEqual(['https://a.example/x', undefined]);
  });
});
