// The county map's controls.

export const zh: Record<string, string> = {
  zoomIn: '放大',
  zoomOut: '缩小',
  zoomReset: '复位',
};

export const en: Record<string, string> = {
  zoomIn: 'Zoom in',
  zoomOut: 'Zoom out',
  zoomReset: 'Reset view',
};
