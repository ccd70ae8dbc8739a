export * from './flood-season.js';
