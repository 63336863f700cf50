export * from './trail-analytics';
export * from './trail-analytics-options';
export * from './lake-event-data-store';
