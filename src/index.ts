export * from './organization-trail';
export * from './trail-log-group';
export * from './archive';
export * from './events';
export * from './analytics';
export * from './alarms';
export * from './organization';
export * from './detections';
