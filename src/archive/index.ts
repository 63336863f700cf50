export * from './log-archive';
export * from './log-archive-ref';
export * from './log-bucket-options';
export * from './log-file-transition';
export * from './log-replication';
export * from './trail-key';
export * from './archive-tamper-alerts';
