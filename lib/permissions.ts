/**
 * The optional permissions features ask for, in one place: the surfaces request them (a prompt
 * needs the user's click) and the background checks them before it starts.
 */

/** Reading other sites through the fetch module: host access, and webRequest to see each redirect hop. */
export const NET_PERMISSIONS = { permissions: ['webRequest'], origins: ['<all_urls>'] };

/**
 * Monitoring audits: scheduled re-runs (alarms) and, when the user wants them, notifications.
 * Firefox cannot make `alarms` optional (it asks nothing for it): there it is in the manifest,
 * and only what the manifest lists as optional is requested.
 */
export function monitorPermissions(notify: boolean, optional: readonly string[]): string[] {
  return ['alarms', ...(notify ? ['notifications'] : [])].filter((p) => optional.includes(p));
}
