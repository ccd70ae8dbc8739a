// The API's validation messages, put at the form field they name and said in the UI's language.

/** The field a message names: the first word of a class-validator message is the property. */
const firstWord = (m: string) => /^([A-Za-z]+)[\s:]/.exec(m)?.[1];

/** Messages by field (`fieldOf` names it, by default the first word); the rest belong to the form. */
export function fieldErrors(
  messages: string[],
  fields: readonly string[],
  fieldOf: (message: string) => string | undefined = firstWord,
): { fields: Record<string, string>; form: string[] } {
  const out: Record<string, string> = {};
  const form: string[] = [];
  for (const m of messages) {
    const first = fieldOf(m);
    if (first && fields.includes(first) && !(first in out)) out[first] = m;
    else form.push(m);
  }
  return { fields: out, form };
}

/** Known backend messages in Chinese; the rest are shown as sent. Order matters: the first match wins. */
const ZH: [RegExp, (m: RegExpExecArray) => string][] = [
  [/must be a decimal string in CNY/, () => '金额须为元，最多两位小数，如 5000000.00'],
  [/must be greater than 0/, () => '金额须大于 0'],
  [/must be (?:a date YYYY-MM-DD|an ISO-8601 date)/, () => '日期格式须为 YYYY-MM-DD'],
  [/must be an 11-digit mobile number/, () => '须为以 1 开头的 11 位手机号'],
  [/must look like 431124-0001|must be a reservoir code/, () => '水库编码格式如 431124-0001'],
  [/must be a Yongzhou area code/, () => '须为永州的区域代码，如 431124'],
  [/username: 2–64 letters/, () => '用户名为 2–64 位字母、数字或 _ . -'],
  [/password must be longer than or equal to 8/, () => '密码至少 8 位'],
  [/exceeds the project's unspent allocation of ([\d.]+) CNY/i, (m) => `超过项目已到位未支出资金 ${m[1]} 元`],
  [/an amount in CNY with at most 2 decimals/, () => '金额须为元，最多两位小数'],
  [/^(\S+) is not a date/, (m) => `${m[1]} 不是有效日期（YYYY-MM-DD）`],
  [/^(\S+) is required$/, (m) => `${m[1]}为必填项`],
  [/exceeds the from-project's unspent allocation of ([\d.]+) CNY/, (m) => `超过调出项目已到位未支出资金 ${m[1]} 元`],
  [/holds only ([\d.]+) CNY of (\w+) funds/, (m) => `调出项目该来源资金仅 ${m[1]} 元`],
  [/same county-level area/, () => '只能在同一县级区域的项目之间调剂'],
  [/same kind/, () => '只能在同类项目之间调剂'],
  [/two different projects/, () => '调出与调入须为不同项目'],
  [/skips a stage: a reason is required/, () => '跨阶段变更须填写原因'],
  [/Moving back .* needs a reason/, () => '退回前一阶段须填写原因'],
  [/already at stage/, () => '项目已处于该阶段'],
  [/is not a stage of/, () => '该阶段不属于此类项目'],
  [/already exists/, () => '该用户名已存在'],
  [/must not be in the future/, () => '不能晚于今天'],
  [/closing a hazard requires evidence/, () => '销号须填写整改佐证（对账销号）'],
  [/\) must be below .*\(([-\d.]+)\)$/, (m) => `须低于 ${m[1]}`],
  [/ must be > 0 \(got/, () => '须大于 0'],
  [/note: say what was done/, () => '请填写处理说明'],
  [/Only an open alert can be acknowledged/, () => '只有未处理的预警可以确认'],
  [/already resolved/, () => '该预警已解除'],
  [/should not be empty|must be longer than or equal to 1 characters/, () => '必填'],
  [/must be one of the following values|must be 1, 2 or 3/, () => '请选择有效的选项'],
  [/Expected an object of rule families|is not a known setting|must be/, () => '设置值不正确'],
  [/needs one of the roles/, () => '当前角色无权执行此操作'],
  [/^No (reservoir|project|alert) /, () => '未找到（或不在您的管辖区域内）'],
  [/Too many failed logins; try again in (\d+) s/, (m) => `登录失败次数过多，请 ${m[1]} 秒后再试`],
  [/Wrong username or password/, () => '用户名或密码错误'],
];

export function localMessage(message: string, lang: 'zh' | 'en'): string {
  if (lang === 'en') return message;
  for (const [re, say] of ZH) {
    const m = re.exec(message);
    if (m) return say(m);
  }
  return message;
}

/** System notes the backend writes in English into alert histories. */
const NOTES_ZH: Record<string, string> = {
  'auto-resolved: back within limits': '自动解除：已恢复到限值以内',
};

export function localNote(note: string | null, lang: 'zh' | 'en'): string {
  if (!note) return '';
  return lang === 'zh' ? (NOTES_ZH[note] ?? note) : note;
}
