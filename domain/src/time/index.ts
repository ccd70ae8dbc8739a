export * from './beijing-time.js';
export * from './calendar.js';
export * from './hydrological-day.js';
