import { describe, expect, it } from 'vitest';
import { formOrigin, isFormContentType } from './origin.ts';

const app = 'http://localhost:3000';
const headers = (values: Record<string, string>) => new Headers(values);
const form = 'application/x-www-form-urlencoded';

describe('form origin', () => {
  it.each([
    ['POST', { 'content-type': form, origin: app }, 'same-origin'],
    ['POST', { 'content-type': 'multipart/form-data; boundary=x', origin: app }, 'same-origin'],
    ['POST', { 'content-type': form, origin: 'https://evil.example' }, 'cross-site'],
    ['POST', { 'content-type': form }, 'cross-site'],
    ['POST', { 'content-type': form, origin: 'null' }, 'cross-site'],
    ['DELETE', { 'content-type': 'text/plain', origin: 'http://localhost:3001' }, 'cross-site'],
    ['PATCH', { 'content-type': 'TEXT/PLAIN;charset=utf-8', origin: 'http://127.0.0.1:3000' }, 'cross-site'],
    ['POST', { 'content-type': form, origin: 'https://localhost:3000' }, 'scheme-mismatch'],
    // JSON writes need a preflight cross-site: their guard is the content type, not this check.
    ['POST', { 'content-type': 'application/json', origin: 'https://evil.example' }, 'same-origin'],
    ['GET', { 'content-type': form, origin: 'https://evil.example' }, 'same-origin'],
  ] as const)('%s %j → %s', (method, values, expected) => {
    expect(formOrigin(method, headers(values), app)).toBe(expected);
  });

  it('knows the three content types a form can send', () => {
    expect(isFormContentType('multipart/form-data; boundary=abc')).toBe(true);
    expect(isFormContentType('text/plain')).toBe(true);
    expect(isFormContentType('application/json')).toBe(false);
    expect(isFormContentType(null)).toBe(false);
  });
});
