/**
 * What is inside files that are not plain text: archives and packages (zip family, tar,
 * gzip, zstd, asar), SQLite databases, and the printable strings of other binaries. Each
 * reader turns one file's bytes into named pieces of bytes; everything is scanned by the same
 * rules, in memory, within the bounds of `ContainerLimits`.
 */
export type { Cell, DatabaseReader } from './database.js';
export { ArchiveLimit, CorruptArchive, UnsupportedFormat } from './entry.js';
export { isContainerBytes, isMedia } from './formats.js';
export { containerLimits, type ContainerLimits } from './limits.js';
export { scanInside, startInsideScan, type InnerSkip, type InsideScan } from './scan-inside.js';
