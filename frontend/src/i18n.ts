// Labels in Simplified Chinese (default) and English; times always shown in Asia/Shanghai.

export type Lang = 'zh' | 'en';

const zh = {
  appTitle: '永州市小型水库安全监测',
  login: '登录',
  username: '用户名',
  password: '密码',
  loginFailed: '用户名或密码错误',
  logout: '退出',
  langSwitch: 'English',
  overview: '总览',
  alerts: '预警值班',
  programme: '除险加固',
  allAreas: '全部区域',
  area: '区域',
  search: '搜索编码或名称',
  code: '编码',
  name: '名称',
  county: '县区',
  scale: '规模',
  waterLevel: '水位 (m)',
  vsFloodLimit: '距汛限 (m)',
  state: '状态',
  rainfall: '雨量 (mm)',
  lastReport: '最近上报',
  'scale.medium': '中型',
  'scale.small1': '小(1)型',
  'scale.small2': '小(2)型',
  'state.normal': '正常',
  'state.above_flood_limit': '超汛限',
  'state.offline': '离线',
  'state.alert': '预警',
  'sev.info': '蓝色预警',
  'sev.warning': '黄色预警',
  'sev.major': '橙色预警',
  'sev.critical': '红色预警',
  'alert.open': '未处理',
  'alert.acknowledged': '已确认',
  'alert.resolved': '已解除',
  kpiAbove: '超汛限水库',
  kpiAlerts: '未处理预警',
  kpiReporting: '测站在线率',
  kpiRain: '最大时段雨量',
  reservoirs: '座水库',
  mapTitle: '水库分布',
  listTitle: '水库列表',
  rows: '条',
  live: '实时',
  loading: '加载中…',
  notAvailable: '暂不可用',
  loadFailed: '加载失败',
  hydrograph: '水位雨量过程线',
  storage: '库容 (万m³)',
  deadLevel: '死水位',
  floodLimitLevel: '汛限水位',
  normalLevel: '正常蓄水位',
  designFloodLevel: '设计洪水位',
  checkFloodLevel: '校核洪水位',
  crestElevation: '坝顶高程',
  damSafety: '大坝安全监测(渗压)',
  stations: '测站状态',
  station: '测站',
  kind: '类型',
  interval: '上报间隔',
  online: '在线',
  offline: '离线',
  persons: '四个责任人',
  'person.government': '政府责任人',
  'person.department': '技术责任人',
  'person.management': '管理责任人',
  'person.patrol': '巡查责任人',
  trained: '已培训',
  untrained: '未培训',
  phone: '电话',
  reservoirAlerts: '本库预警',
  noData: '暂无数据',
  noAlerts: '暂无预警',
  basics: '基本信息',
  damType: '坝型',
  damHeight: '坝高 (m)',
  totalStorage: '总库容 (万m³)',
  catchmentArea: '集雨面积 (km²)',
  damCategory: '大坝类别',
  nextAppraisal: '下次安全鉴定',
  floodSeason: '汛期',
  yes: '是',
  no: '否',
  back: '返回总览',
  severity: '级别',
  allSeverities: '全部级别',
  openedAt: '发生时间',
  value: '监测值',
  threshold: '阈值',
  message: '内容',
  actions: '操作',
  ack: '确认',
  resolve: '解除',
  note: '处理说明',
  noteRequired: '请填写处理说明',
  handledBy: '确认人',
  stageCounts: '各区域项目阶段',
  fundsBySource: '资金到位与支出 (万元)',
  overdueList: '逾期项目',
  central: '中央',
  provincial: '省级',
  municipal: '市级',
  countyFund: '县级',
  spent: '已支出',
  budget: '概算',
  plannedFinish: '计划完工',
  stage: '阶段',
  projects: '项目数',
  programmeUnavailable: '除险加固数据暂不可用',
  'role.admin': '管理员',
  'role.engineer': '工程师',
  'role.duty_officer': '值班员',
  'role.planner': '计划财务',
  cityWide: '全市',
  'damType.earth': '均质土坝',
  'damType.earth_rock': '土石坝',
  'damType.concrete_gravity': '混凝土重力坝',
  'damType.masonry_arch': '浆砌石拱坝',
  'damType.rockfill': '堆石坝',
  'mgmt.professional': '专业化管护',
  'mgmt.social': '社会化管护',
  'mgmt.self': '自主管护',
  managementMode: '管护模式',
  'damCategory.1': '一类坝',
  'damCategory.2': '二类坝',
  'damCategory.3': '三类坝(病险)',
  'kind.rain_water': '雨水情',
  'kind.dam_safety': '大坝安全',
  'stage.appraisal': '安全鉴定',
  'stage.preliminary_design': '初步设计',
  'stage.approval': '审批',
  'stage.tendering': '招投标',
  'stage.construction': '施工',
  'stage.completion_acceptance': '完工验收',
  'stage.final_acceptance': '竣工验收',
  kpiArrival: '今日到报率',
  arrivalSub: '已到 {r} / 应到 {e} 条 · 在线测站 {o} / {n}',
  arrivalRate: '今日到报率',
  battery: '电压 (V)',
  displacement: '大坝安全监测(位移)',
  seepageTitle: '大坝安全监测(渗压)',
  custom: '自定义',
  rangeFrom: '起',
  rangeTo: '止',
  apply: '查询',
  rangeInvalid: '请选择有效的起止时间',
  worstAlert: '最高未处理预警',
  history: '处理记录',
  hideHistory: '收起记录',
  noHistory: '暂无记录',
  at: '时间',
  action: '动作',
  actor: '操作人',
  'action.open': '触发',
  'action.escalate': '升级',
  'action.ack': '确认',
  'action.resolve': '解除',
  system: '系统',
  appraisalsThisYear: '今年到期安全鉴定',
  appraisalsOverdue: '逾期未鉴定',
  hazardsOverdue: '逾期未整改隐患',
  lastAppraisal: '上次鉴定',
  dueOn: '应鉴定日期',
  foundOn: '发现日期',
  deadline: '整改期限',
  location: '部位',
  description: '隐患描述',
  status: '状态',
  'hazardStatus.open': '未整改',
  'hazardStatus.rectifying': '整改中',
  'hazardStatus.closed': '已销号',
  'hazardSev.general': '一般隐患',
  'hazardSev.major': '重大隐患',
  noneAppraisalsThisYear: '今年没有到期的安全鉴定',
  noneAppraisalsOverdue: '没有逾期未鉴定的水库',
  noneHazardsOverdue: '没有逾期未整改的隐患',
  noneOverdueProjects: '没有逾期项目',
  budgetWan: '概算 (万元)',
  allocatedWan: '已到位 (万元)',
  spentWan: '已支出 (万元)',
  wanUnit: '万元',
  moreRows: '另有 {n} 条未显示',
  noDataInRange: '所选时段内暂无监测数据',
};

type Key = keyof typeof zh;

const en: Record<Key, string> = {
  appTitle: 'Yongzhou Reservoir Safety Monitoring',
  login: 'Sign in',
  username: 'Username',
  password: 'Password',
  loginFailed: 'Wrong username or password',
  logout: 'Sign out',
  langSwitch: '中文',
  overview: 'Overview',
  alerts: 'Alert desk',
  programme: 'Reinforcement',
  allAreas: 'All areas',
  area: 'Area',
  search: 'Search code or name',
  code: 'Code',
  name: 'Name',
  county: 'County',
  scale: 'Scale',
  waterLevel: 'Water level (m)',
  vsFloodLimit: 'vs flood limit (m)',
  state: 'State',
  rainfall: 'Rainfall (mm)',
  lastReport: 'Last report',
  'scale.medium': 'Medium',
  'scale.small1': 'Small (1)',
  'scale.small2': 'Small (2)',
  'state.normal': 'Normal',
  'state.above_flood_limit': 'Above flood limit',
  'state.offline': 'Offline',
  'state.alert': 'Alert',
  'sev.info': 'Blue alert',
  'sev.warning': 'Yellow alert',
  'sev.major': 'Orange alert',
  'sev.critical': 'Red alert',
  'alert.open': 'Open',
  'alert.acknowledged': 'Acknowledged',
  'alert.resolved': 'Resolved',
  kpiAbove: 'Above flood limit',
  kpiAlerts: 'Open alerts',
  kpiReporting: 'Stations reporting',
  kpiRain: 'Largest latest rainfall',
  reservoirs: 'reservoirs',
  mapTitle: 'Reservoir map',
  listTitle: 'Reservoirs',
  rows: 'rows',
  live: 'Live',
  loading: 'Loading…',
  notAvailable: 'Not available',
  loadFailed: 'Failed to load',
  hydrograph: 'Water level and rainfall',
  storage: 'Storage (10⁴ m³)',
  deadLevel: 'Dead level',
  floodLimitLevel: 'Flood-limit level',
  normalLevel: 'Normal pool',
  designFloodLevel: 'Design flood level',
  checkFloodLevel: 'Check flood level',
  crestElevation: 'Dam crest',
  damSafety: 'Dam safety (seepage pressure)',
  stations: 'Station health',
  station: 'Station',
  kind: 'Kind',
  interval: 'Interval',
  online: 'Online',
  offline: 'Offline',
  persons: 'Responsible persons',
  'person.government': 'Government',
  'person.department': 'Technical (department)',
  'person.management': 'Management unit',
  'person.patrol': 'Patrol',
  trained: 'Trained',
  untrained: 'Not trained',
  phone: 'Phone',
  reservoirAlerts: 'Alerts for this reservoir',
  noData: 'No data',
  noAlerts: 'No alerts',
  basics: 'Basic facts',
  damType: 'Dam type',
  damHeight: 'Dam height (m)',
  totalStorage: 'Total storage (10⁴ m³)',
  catchmentArea: 'Catchment (km²)',
  damCategory: 'Dam category',
  nextAppraisal: 'Next safety appraisal',
  floodSeason: 'Flood season',
  yes: 'Yes',
  no: 'No',
  back: 'Back to overview',
  severity: 'Severity',
  allSeverities: 'All severities',
  openedAt: 'Opened',
  value: 'Value',
  threshold: 'Threshold',
  message: 'Message',
  actions: 'Actions',
  ack: 'Acknowledge',
  resolve: 'Resolve',
  note: 'Note',
  noteRequired: 'Please enter a note',
  handledBy: 'Acknowledged by',
  stageCounts: 'Project stages by area',
  fundsBySource: 'Funds allocated and spent (10⁴ CNY)',
  overdueList: 'Overdue projects',
  central: 'Central',
  provincial: 'Provincial',
  municipal: 'Municipal',
  countyFund: 'County',
  spent: 'Spent',
  budget: 'Budget',
  plannedFinish: 'Planned finish',
  stage: 'Stage',
  projects: 'Projects',
  programmeUnavailable: 'Reinforcement programme data is not available',
  'role.admin': 'Administrator',
  'role.engineer': 'Engineer',
  'role.duty_officer': 'Duty officer',
  'role.planner': 'Planner',
  cityWide: 'City-wide',
  'damType.earth': 'Homogeneous earth',
  'damType.earth_rock': 'Earth-rock',
  'damType.concrete_gravity': 'Concrete gravity',
  'damType.masonry_arch': 'Masonry arch',
  'damType.rockfill': 'Rockfill',
  'mgmt.professional': 'Professional',
  'mgmt.social': 'Social (contracted)',
  'mgmt.self': 'Self-managed',
  managementMode: 'Management',
  'damCategory.1': 'Category 1',
  'damCategory.2': 'Category 2',
  'damCategory.3': 'Category 3 (unsafe)',
  'kind.rain_water': 'Rain / water level',
  'kind.dam_safety': 'Dam safety',
  'stage.appraisal': 'Safety appraisal',
  'stage.preliminary_design': 'Preliminary design',
  'stage.approval': 'Approval',
  'stage.tendering': 'Tendering',
  'stage.construction': 'Construction',
  'stage.completion_acceptance': 'Completion acceptance',
  'stage.final_acceptance': 'Final acceptance',
  kpiArrival: "Today's data arrival",
  arrivalSub: '{r} of {e} expected reports · {o} / {n} stations online',
  arrivalRate: 'Arrival today',
  battery: 'Battery (V)',
  displacement: 'Dam safety (displacement)',
  seepageTitle: 'Dam safety (seepage pressure)',
  custom: 'Custom',
  rangeFrom: 'From',
  rangeTo: 'To',
  apply: 'Show',
  rangeInvalid: 'Choose a valid start and end',
  worstAlert: 'Worst open alert',
  history: 'History',
  hideHistory: 'Hide history',
  noHistory: 'No history',
  at: 'Time',
  action: 'Action',
  actor: 'By',
  'action.open': 'Opened',
  'action.escalate': 'Escalated',
  'action.ack': 'Acknowledged',
  'action.resolve': 'Resolved',
  system: 'system',
  appraisalsThisYear: 'Safety appraisals due this year',
  appraisalsOverdue: 'Overdue safety appraisals',
  hazardsOverdue: 'Overdue hazards (not rectified)',
  lastAppraisal: 'Last appraisal',
  dueOn: 'Due',
  foundOn: 'Found',
  deadline: 'Deadline',
  location: 'Location',
  description: 'Description',
  status: 'Status',
  'hazardStatus.open': 'Open',
  'hazardStatus.rectifying': 'Rectifying',
  'hazardStatus.closed': 'Closed',
  'hazardSev.general': 'General',
  'hazardSev.major': 'Major',
  noneAppraisalsThisYear: 'No safety appraisal falls due this year',
  noneAppraisalsOverdue: 'No reservoir is overdue for appraisal',
  noneHazardsOverdue: 'No hazard is past its rectification deadline',
  noneOverdueProjects: 'No overdue projects',
  budgetWan: 'Budget (10⁴ CNY)',
  allocatedWan: 'Allocated (10⁴ CNY)',
  spentWan: 'Spent (10⁴ CNY)',
  wanUnit: '10⁴ CNY',
  moreRows: '{n} more not shown',
  noDataInRange: 'No readings in the selected period',
};

const AREAS: Record<string, [string, string]> = {
  '431102': ['零陵区', 'Lingling'],
  '431103': ['冷水滩区', 'Lengshuitan'],
  '431181': ['祁阳市', 'Qiyang'],
  '431122': ['东安县', 'Dong’an'],
  '431123': ['双牌县', 'Shuangpai'],
  '431124': ['道县', 'Daoxian'],
  '431125': ['江永县', 'Jiangyong'],
  '431126': ['宁远县', 'Ningyuan'],
  '431127': ['蓝山县', 'Lanshan'],
  '431128': ['新田县', 'Xintian'],
  '431129': ['江华瑶族自治县', 'Jianghua'],
  '431171': ['永州经济技术开发区', 'Yongzhou ETDZ'],
  '431172': ['金洞管理区', 'Jindong'],
  '431173': ['回龙圩管理区', 'Huilongxu'],
};

let lang: Lang = localStorage.getItem('lang') === 'en' ? 'en' : 'zh';

export function getLang(): Lang {
  return lang;
}

export function setLang(l: Lang): void {
  lang = l;
  localStorage.setItem('lang', l);
  document.documentElement.lang = l === 'zh' ? 'zh-CN' : 'en';
}

/** Label for a key; unknown keys fall back to the key itself. */
export function t(key: string): string {
  const dict = lang === 'zh' ? zh : en;
  return (dict as Record<string, string>)[key] ?? key;
}

/** Label for an enumerated value (e.g. label('damType', 'earth')), or the raw value when unknown. */
export function label(prefix: string, value: unknown): string {
  if (value === null || value === undefined || value === '') return '—';
  const key = `${prefix}.${value}`;
  const text = t(key);
  return text === key ? String(value) : text;
}

/** Area (county) name by statistical code, falling back to the given name. */
export function areaName(code: string | null | undefined, fallback = ''): string {
  if (!code) return t('cityWide');
  const a = AREAS[code];
  return a ? a[lang === 'zh' ? 0 : 1] : fallback || code;
}

const fmtCache = new Map<string, Intl.DateTimeFormat>();

function formatter(kind: 'full' | 'short' | 'date'): Intl.DateTimeFormat {
  const key = lang + kind;
  let f = fmtCache.get(key);
  if (!f) {
    const opts: Intl.DateTimeFormatOptions = { timeZone: 'Asia/Shanghai', hour12: false };
    if (kind === 'full')
      Object.assign(opts, { year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' });
    if (kind === 'short') Object.assign(opts, { month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' });
    if (kind === 'date') Object.assign(opts, { year: 'numeric', month: '2-digit', day: '2-digit' });
    f = new Intl.DateTimeFormat(lang === 'zh' ? 'zh-CN' : 'en-GB', opts);
    fmtCache.set(key, f);
  }
  return f;
}

/** Date and time in Asia/Shanghai, e.g. 2026/07/01 08:00. */
export function fmtTime(
  v: string | number | Date | null | undefined,
  kind: 'full' | 'short' | 'date' = 'full',
): string {
  if (v === null || v === undefined || v === '') return '—';
  const d = v instanceof Date ? v : new Date(v);
  return Number.isNaN(d.getTime()) ? '—' : formatter(kind).format(d);
}

/** Number with fixed decimals, or a dash. */
export function fmtNum(v: number | string | null | undefined, digits = 2): string {
  if (v === null || v === undefined || v === '') return '—';
  const n = Number(v);
  return Number.isFinite(n) ? n.toFixed(digits) : '—';
}

/** Label with {placeholders} filled in, e.g. tf('moreRows', { n: 3 }). */
export function tf(key: string, vars: Record<string, string | number>): string {
  return t(key).replace(/\{(\w+)\}/g, (m, k: string) => (k in vars ? String(vars[k]) : m));
}

/** A 0..1 ratio as a percentage with one decimal, or a dash. */
export function fmtPct(v: number | string | null | undefined): string {
  if (v === null || v === undefined || v === '') return '—';
  const n = Number(v);
  return Number.isFinite(n) ? `${(n * 100).toFixed(1)}%` : '—';
}

/**
 * A CNY decimal string (e.g. "12345678.90") shown exactly with thousands separators, in 元 or rounded to
 * 0.01 万元. Exact: works on the digits, never through floating point.
 */
export function fmtMoney(v: string | number | null | undefined, unit: 'yuan' | 'wan' = 'wan'): string {
  if (v === null || v === undefined || v === '') return '—';
  const m = /^(-?)(\d+)(?:\.(\d{1,2}))?$/.exec(String(v).trim());
  if (!m) return '—';
  let fen = BigInt(m[2]) * 100n + BigInt((m[3] ?? '').padEnd(2, '0'));
  if (unit === 'wan') fen = (fen + 5000n) / 10000n; // now in 0.01 万元 (100 元), half up
  const whole = (fen / 100n).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${m[1] && fen !== 0n ? '-' : ''}${whole}.${(fen % 100n).toString().padStart(2, '0')}`;
}
