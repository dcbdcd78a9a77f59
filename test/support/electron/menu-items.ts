export interface MenuItem {
  role?: string;
  accelerator?: string;
  submenu?: unknown;
}

/** Every item of a menu template, submenus included. */
export function menuItems(items: readonly MenuItem[]): MenuItem[] {
  return items.flatMap((item) => [item, ...(Array.isArray(item.submenu) ? menuItems(item.submenu as MenuItem[]) : [])]);
}

/** Roles whose items (or default submenus) open DevTools, and DevTools' shortcuts: F12, Ctrl+Shift+I, Alt+Cmd+I. */
const devToolsRoles = ['toggledevtools', 'viewmenu'];
export const opensDevTools = (item: MenuItem): boolean =>
  devToolsRoles.includes(item.role?.toLowerCase() ?? '') || /F12|Shift\+I|Alt\+(Cmd|Command|CmdOrCtrl)\+I/i.test(item.accelerator ?? '');
