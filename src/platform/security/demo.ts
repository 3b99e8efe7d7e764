/**
 * The one password every demo account shares. It is printed at start only in
 * demo mode, and identity refuses it when demo mode is off.
 */
export const DEMO_PASSWORD = 'Qingshan-Demo-2026';

export function isDemoPasswordAllowed(demo: boolean, password: string): boolean {
  return demo || password !== DEMO_PASSWORD;
}
