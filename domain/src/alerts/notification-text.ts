import { beijingFields } from '../time/beijing-time.js';
import type { AlertRecord } from './alert.js';

/** 'M月D日 HH:mm' in Beijing time, whatever the server's time zone. */
function beijingTime(at: Date): string {
  const { month, day, hour, minute } = beijingFields(at);
  const hm = [hour, minute].map((n) => String(n).padStart(2, '0')).join(':');
  return `${month}月${day}日 ${hm}`;
}

/**
 * The SMS text, e.g. 【永州水库预警】双河水库(431124-0007) 7月1日 08:00 水位 312.50 m，超设计洪水位 312.00 m（橙色预警），请立即处置。
 * The alert's own message already names the value, the threshold and the warning colour; a drill's text starts 【演练】.
 */
export function notificationText(
  alert: Pick<AlertRecord, 'openedAt' | 'severity' | 'reservoirName' | 'reservoirCode' | 'message'> &
    Partial<Pick<AlertRecord, 'drill'>>,
  level: number,
  now: Date,
): string {
  const opened = new Date(alert.openedAt);
  const unacked =
    level > 0 ? `，已 ${Math.max(1, Math.round((now.getTime() - opened.getTime()) / 60_000))} 分钟未确认` : '';
  const ask = alert.severity === 'warning' ? '请加强巡查、及时处置' : '请立即处置';
  const drill = alert.drill ? '【演练】' : '';
  return `${drill}【永州水库预警】${alert.reservoirName}(${alert.reservoirCode}) ${beijingTime(opened)} ${alert.message.zh}${unacked}，${ask}。`;
}
