export * from './report-rates.js';
