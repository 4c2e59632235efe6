/** The portal's sections, in menu order. A section that is not ready shows in the menu as coming soon. */
export const SECTIONS = [
  { label: 'Overview', path: '/', ready: true },
  { label: 'Goals', path: '/goals', ready: true },
  { label: 'Metrics', path: '/metrics', ready: true },
  { label: 'Forecasts', path: '/forecasts', ready: true },
  { label: 'Plans', path: '/plans', ready: true },
  { label: 'Evidence', path: '/evidence', ready: true },
  { label: 'Coach', path: '/coach', ready: true },
  { label: 'Data', path: '/data', ready: false },
] as const;
