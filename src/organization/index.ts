export * from './security-event-forwarding';
export * from './cloudtrail-trusted-access';
export * from './log-archive-guardrails';
