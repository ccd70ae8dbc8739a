export * from './report-rates.js';
export * from './online.js';
