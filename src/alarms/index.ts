export * from './security-alarm-rule';
export * from './security-alarm';
export * from './security-alarms';
export * from './delivery-heartbeat';
export * from './tamper-detection';
