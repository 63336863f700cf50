export * from './security-alarm-rule';
