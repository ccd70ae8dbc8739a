// Labels of the dam-safety statistical models (HST): the measured-vs-expected chart and the abnormal list.

export const zh = {
  modelTitle: '统计模型（HST）',
  modelInstrument: '测点',
  modelMeasured: '实测',
  modelExpected: '模型预期',
  modelBand: '±3σ 区间',
  modelResidual: '残差',
  modelFitted: '拟合于',
  modelTraining: '训练期',
  modelNone: '无模型',
  modelAbnormal: '模型判定异常的测点（全市）',
  modelAbnormalNone: '目前没有模型判定异常的测点',
  modelFitNow: '重新拟合',
};

export const en: Record<keyof typeof zh, string> = {
  modelTitle: 'Statistical model (HST)',
  modelInstrument: 'Instrument',
  modelMeasured: 'Measured',
  modelExpected: 'Model expects',
  modelBand: '±3σ band',
  modelResidual: 'Residual',
  modelFitted: 'Fitted',
  modelTraining: 'Training',
  modelNone: 'No model',
  modelAbnormal: 'Instruments the models judge abnormal (city-wide)',
  modelAbnormalNone: 'No instrument is judged abnormal by its model',
  modelFitNow: 'Refit now',
};
