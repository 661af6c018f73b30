// The package ships no types; only the two calls the data-directory lock uses are declared.
declare module 'fs-native-extensions' {
  /** Exclusive (default) or shared lock on the whole file; false when another open file description holds it. */
  export function tryLock(fd: number, options?: { shared?: boolean }): boolean;
  export function unlock(fd: number): void;
}
