export * from './organization-trail';
export * from './log-archive';
export * from './log-bucket-options';
export * from './trail-key';
export * from './trail-log-group';
export * from './log-replication';
export * from './security-event-forwarding';
export * from './cloudtrail-trusted-access';
