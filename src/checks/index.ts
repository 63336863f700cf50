export * from './cloudtrail-checks';
