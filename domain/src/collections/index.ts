export { groupBy } from './group-by.js';
