export { generateRegistry } from './generate/index.js';
export { loadRegistry } from './load/load-registry.js';
export { loadProgramme, programmeRows } from './load/load-programme.js';
export { constructionRows, loadConstruction } from './load/load-construction.js';
export { seedIfEmpty } from './load/seed-if-empty.js';
export { loadAppraisalHistory } from './load/load-appraisal-history.js';
export { carryAppraisalsForward } from './generate/appraisal-history.js';
