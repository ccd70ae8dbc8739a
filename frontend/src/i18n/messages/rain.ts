// Rainfall and station-health labels: the 12 h window, the hydrological day (08:00–08:00 Beijing) and 到报率/及时率.

export const zh = {
  'rain.h12': '12小时雨量',
  'rain.day': '日雨量(8时起)',
  'rain.columns': '雨量 (mm)',
  'rain.dayShort': '8时起',
  'rule.rain.12h.0': '12小时雨量 蓝色预警',
  'rule.rain.6h.1': '6小时雨量 黄色预警',
  'rule.rain.3h.2': '3小时雨量 橙色预警',
  'rule.rain.3h.3': '3小时雨量 红色预警',
  stationHealth: '测站到报',
  timelyRate: '及时率',
  arrivalRateDay: '到报率',
  reportsDue: '应报',
  reportsReceived: '实报',
  reportsTimely: '及时',
  healthDay: '水文日(当日8时至次日8时)',
  healthArea: '区县',
  healthTotal: '合计',
  healthNote: '按各站报送间隔计；只计已结束的时段，补报与迟到的报文计入到报率、不计入及时率。',
};

export const en: Record<keyof typeof zh, string> = {
  'rain.h12': 'Rain 12 h',
  'rain.day': 'Rain since 08:00',
  'rain.columns': 'Rain (mm)',
  'rain.dayShort': 'Since 8:00',
  'rule.rain.12h.0': 'Rain 12 h, blue',
  'rule.rain.6h.1': 'Rain 6 h, yellow',
  'rule.rain.3h.2': 'Rain 3 h, orange',
  'rule.rain.3h.3': 'Rain 3 h, red',
  stationHealth: 'Station reporting',
  timelyRate: 'Timely rate',
  arrivalRateDay: 'Arrival rate',
  reportsDue: 'Due',
  reportsReceived: 'Received',
  reportsTimely: 'On time',
  healthDay: 'Hydrological day (08:00 to 08:00 the next day)',
  healthArea: 'Area',
  healthTotal: 'Total',
  healthNote:
    'Each station on its own reporting interval; closed periods only. Late uploads count as received, not as on time.',
};
