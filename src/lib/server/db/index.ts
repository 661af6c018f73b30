export * from './database.ts';
export { bulkInsert, insertRowWhere, setExcluded } from './bulk.ts';
export { DataDirLockedError } from './lock.ts';
