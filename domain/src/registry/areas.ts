/** The 14 county-level areas of Yongzhou named in the policy, with their statistical codes. */
export interface Area {
  code: string;
  name: string;
  nameEn: string;
  /** Approximate seat of the area government, [longitude, latitude] (WGS-84). */
  center: [number, number];
  /** Rough radius (km) within which the area's reservoirs lie. */
  radiusKm: number;
}

export const AREAS: readonly Area[] = [
  { code: '431102', name: '零陵区', nameEn: 'Lingling', center: [111.63, 26.22], radiusKm: 25 },
  { code: '431103', name: '冷水滩区', nameEn: 'Lengshuitan', center: [111.59, 26.46], radiusKm: 22 },
  { code: '431181', name: '祁阳市', nameEn: 'Qiyang', center: [111.84, 26.58], radiusKm: 30 },
  { code: '431122', name: '东安县', nameEn: "Dong'an", center: [111.31, 26.39], radiusKm: 30 },
  { code: '431123', name: '双牌县', nameEn: 'Shuangpai', center: [111.66, 25.96], radiusKm: 22 },
  { code: '431124', name: '道县', nameEn: 'Daoxian', center: [111.6, 25.53], radiusKm: 28 },
  { code: '431125', name: '江永县', nameEn: 'Jiangyong', center: [111.34, 25.27], radiusKm: 24 },
  { code: '431126', name: '宁远县', nameEn: 'Ningyuan', center: [111.94, 25.57], radiusKm: 28 },
  { code: '431127', name: '蓝山县', nameEn: 'Lanshan', center: [112.19, 25.37], radiusKm: 24 },
  { code: '431128', name: '新田县', nameEn: 'Xintian', center: [112.22, 25.9], radiusKm: 22 },
  {
    code: '431129',
    name: '江华瑶族自治县',
    nameEn: 'Jianghua Yao Autonomous County',
    center: [111.58, 25.18],
    radiusKm: 32,
  },
  {
    code: '431171',
    name: '永州经济技术开发区',
    nameEn: 'Yongzhou Economic and Technological Development Zone',
    center: [111.6, 26.38],
    radiusKm: 8,
  },
  { code: '431172', name: '金洞管理区', nameEn: 'Jindong Administrative Area', center: [112.04, 26.38], radiusKm: 12 },
  { code: '431173', name: '回龙圩管理区', nameEn: 'Huilongxu Administrative Area', center: [111.2, 25.2], radiusKm: 8 },
];
