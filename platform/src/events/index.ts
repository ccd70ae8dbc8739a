export * from './channels.js';
export * from './event-bus.js';
