/** Answers carrying personal data: kept by no cache, shared or not. */
export const PRIVATE_HEADERS = { 'cache-control': 'private, no-store' } as const;
