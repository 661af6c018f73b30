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

/** Awaits a promise that must reject with a DomainError, and returns that error. */
export async function domainRejection(promise: Promise<unknown>): Promise<DomainError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  if (!(error instanceof DomainError)) throw new Error(`expected a DomainError, got ${String(error)}`);
  return error;
}
