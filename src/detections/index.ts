export * from './detection-test';
