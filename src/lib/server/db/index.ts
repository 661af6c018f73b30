export * from './database.ts';
export * from './migrations.ts';
export { bulkInsert, insertRowWhere, recordset, setExcluded } from './bulk.ts';
export { DataDirLockedError, lockDataDir } from './lock.ts';
