import { expect } from 'vitest';
import { DomainError } from '../../src/lib/server/errors.ts';

/** Runs `run` and asserts it throws an `invalid` DomainError with this code (and these params). */
export function expectInvalid(run: () => unknown, code: string, params?: Record<string, unknown>): void {
  let thrown: unknown;
  try {
    run();
  } catch (error) {
    thrown = error;
  }
  expect(thrown, `expected ${code}`).toBeInstanceOf(DomainError);
  expect(thrown).toMatchObject({ kind: 'invalid', code, ...(params && { params: expect.objectContaining(params) }) });
}
