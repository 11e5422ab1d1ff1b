export * from './effective';
export * from './terms';
export * from './thresholds';
