export type * from './archive.js';
export { resolveArchivePath } from './archive-path.js';
export { MIGRATIONS, SCHEMA_VERSION, migrate } from './sqlite/migrations.js';
export { openArchive, SqliteArchive } from './sqlite/sqlite-archive.js';
