/// <reference types="vite/client" />

declare module 'virtual:yongzhou-geo' {
  import type { CountyGeoJson } from './map/geo';
  const geo: CountyGeoJson;
  export default geo;
}
