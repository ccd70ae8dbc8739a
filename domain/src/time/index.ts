export * from './beijing-time.js';
export * from './calendar.js';
