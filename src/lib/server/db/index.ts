export * from './database.ts';
export { bulkInsert, setExcluded } from './bulk.ts';
export { DataDirLockedError } from './lock.ts';
