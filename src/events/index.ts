export * from './data-event';
export * from './event-selection-options';
export * from './field-condition';
export * from './insight-event-category';
export * from './network-activity-event';
