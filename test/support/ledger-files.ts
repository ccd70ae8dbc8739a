import { request } from 'node:http';

// Large but valid ledger files for the import tests and benchmark (CSV, as the ledger export writes them).

/** `rows` new hazards (no 编号) spread over these reservoirs, all found and due in 2025. */
export function hazardsCsv(reservoirCodes: readonly string[], rows: number): string {
  const lines = ['水库编码,发现日期,发现人,来源,部位,隐患描述,等级,整改期限,状态'];
  for (let i = 0; i < rows; i++) {
    const code = reservoirCodes[i % reservoirCodes.length];
    lines.push(`${code},2025-03-01,巡查员${i},巡查,坝顶,坝顶裂缝 ${i},一般隐患,2025-12-31,待整改`);
  }
  return lines.join('\n') + '\n';
}

/** `rows` new allocations of 1 CNY each to the reinforcement projects of these reservoirs. */
export function allocationsCsv(reservoirCodes: readonly string[], rows: number): string {
  const lines = ['水库编码,资金来源,金额(元),下达日期,文号'];
  for (let i = 0; i < rows; i++) {
    lines.push(`${reservoirCodes[i % reservoirCodes.length]},中央,1.00,2025-03-01,永财建〔2025〕${i}号`);
  }
  return lines.join('\n') + '\n';
}

/**
 * POSTs a file to /api/ledger/:kind/import as an upload form, over node:http: fetch gives up waiting for the answer
 * after 300 s, and an import before issue 12 took longer.
 */
export async function importLedger(
  url: string,
  token: string,
  kind: string,
  csv: string,
): Promise<{ status: number; body: unknown }> {
  const form = new FormData();
  form.append('file', new Blob([csv]), `${kind}.csv`);
  const upload = new Request(`${url}/api/ledger/${kind}/import`, { method: 'POST', body: form });
  const body = Buffer.from(await upload.arrayBuffer());
  return new Promise((resolve, reject) => {
    const req = request(upload.url, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${token}`,
        'content-type': upload.headers.get('content-type')!,
        'content-length': body.length,
      },
    });
    req.on('error', reject);
    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('error', reject);
      res.on('end', () => resolve({ status: res.statusCode!, body: JSON.parse(Buffer.concat(chunks).toString()) }));
    });
    req.end(body);
  });
}
