/** The portal's sections, in menu order. */
export const SECTIONS = [
  { label: 'Overview', path: '/' },
  { label: 'Goals', path: '/goals' },
  { label: 'Metrics', path: '/metrics' },
  { label: 'Forecasts', path: '/forecasts' },
  { label: 'Plans', path: '/plans' },
  { label: 'Evidence', path: '/evidence' },
  { label: 'Coach', path: '/coach' },
  { label: 'Data', path: '/data' },
] as const;
