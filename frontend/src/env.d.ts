/// <reference types="vite/client" />

declare module 'virtual:yongzhou-geo' {
  import type { CountyGeoJson } from './map/geo';
  const geo: CountyGeoJson;
  export default geo;
}

/** echarts' per-part install modules (no .d.ts of their own): each exports the installer `use()` takes. */
declare module 'echarts/lib/*' {
  export const install: import('echarts/core').EChartsExtensionInstaller;
}
