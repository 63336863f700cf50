export * from './security-event-forwarding';
export * from './cloudtrail-trusted-access';
