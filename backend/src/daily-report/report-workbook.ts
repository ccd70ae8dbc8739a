import type { DailyReport, RainfallSummary } from '@yz/domain';
import ExcelJS from 'exceljs';

const SEVERITY_NAMES = { critical: '红色', major: '橙色', warning: '黄色', info: '蓝色' } as const;
const LIMIT_NAMES = { floodLimit: '汛限水位', restricted: '限制运用水位', normalPool: '正常蓄水位' } as const;

type Cell = string | number | null;

/** The report as a workbook: one sheet per section, headed in Chinese as county offices file it. */
export async function reportWorkbook(report: DailyReport, areaNames: ReadonlyMap<string, string>): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const area = (code: string) => areaNames.get(code) ?? code;
  const rainRow = (name: string, s: RainfallSummary): Cell[] => [
    name,
    s.gauges,
    s.reporting,
    s.mean,
    s.max ? s.max.name : null,
    s.max ? s.max.rainfall : null,
  ];
  sheet(
    workbook,
    '雨量',
    [`水雨情日报 ${report.date}（${report.from} 至 ${report.to}）`],
    ['区域', '雨量站数', '到报站数', '面平均雨量(mm)', '最大雨量站', '最大雨量(mm)'],
    [...report.rainfall.areas.map((a) => rainRow(a.name, a)), rainRow('全市', report.rainfall.total)],
  );
  sheet(
    workbook,
    '最大雨量站',
    [],
    ['测站', '水库编码', '区域', '雨量(mm)'],
    report.rainfall.wettest.map((s) => [s.name, s.code, area(s.areaCode), s.rainfall]),
  );
  sheet(
    workbook,
    '超汛限水库',
    [],
    ['水库', '编码', '区域', '水位(m)', '限制水位(m)', '类别', '超出(m)', '超蓄(万m³)'],
    report.aboveLimit.map((r) => [
      r.name,
      r.code,
      area(r.areaCode),
      r.level,
      r.limitLevel,
      LIMIT_NAMES[r.limitKind],
      r.excess,
      r.excessStorage,
    ]),
  );
  sheet(
    workbook,
    '预警',
    [],
    ['级别', '未解除数'],
    [
      ...(['critical', 'major', 'warning', 'info'] as const).map((s) => [SEVERITY_NAMES[s], report.openAlerts[s]]),
      ['合计', report.openAlerts.total],
    ],
  );
  sheet(
    workbook,
    '离线测站',
    [],
    ['水库', '编码', '区域', '最后报送'],
    report.offlineStations.map((s) => [s.name, s.code, area(s.areaCode), s.lastReportAt]),
  );
  sheet(
    workbook,
    '到报率',
    [],
    ['区域', '测站数', '应报', '实报', '到报率'],
    [...report.arrival.areas.map((a) => ({ ...a, label: a.name })), { ...report.arrival.total, label: '全市' }].map(
      (a) => [a.label, a.stations, a.expected, a.received, a.rate],
    ),
  );
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

function sheet(
  workbook: ExcelJS.Workbook,
  name: string,
  title: string[],
  header: string[],
  rows: readonly Cell[][],
): void {
  const ws = workbook.addWorksheet(name);
  if (title.length) ws.addRow(title).font = { bold: true, size: 13 };
  ws.addRow(header).font = { bold: true };
  for (const row of rows) ws.addRow(row.map((v) => v ?? ''));
  ws.columns.forEach((c) => (c.width = 16));
}
