// HST (hydrostatic–seasonal–time) models of dam-safety instruments: fit, predict, judge. See README.md.
export { dayNumber } from './days.js';
export {
  buildHstDesign,
  hstInputs,
  HST_SYMBOLS,
  type DailyValue,
  type HstCoefficients,
  type HstDesign,
  type HstInputs,
  type HstTermSymbol,
} from './features.js';
export {
  fitHst,
  predictDay,
  predictReading,
  HST_MIN_DAYS,
  HST_MIN_SPAN_DAYS,
  type HstFit,
  type HstModel,
  type HstRefusal,
} from './model.js';
export {
  judgeDay,
  judgeReading,
  HST_JUDGE_START,
  HST_RULE_DEFAULTS,
  type HstInstrument,
  type HstJudgeState,
  type HstRule,
  type HstSeverity,
  type HstVerdict,
} from './judge.js';
export {
  SYNTHETIC_TRUTHS,
  syntheticInstrument,
  syntheticReservoir,
  type SyntheticInstrumentOptions,
  type SyntheticReservoirOptions,
} from './synthetic.js';
