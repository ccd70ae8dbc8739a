export * from './appraisal-rules.js';
