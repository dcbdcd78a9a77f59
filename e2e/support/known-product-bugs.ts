/**
 * Product bugs that stop a journey, outside the journeys' code. A journey marks itself `test.fixme`
 * with one of these until the bug is fixed; delete the entry (and the marks) with the fix.
 */
export const knownProductBugs = {
  grantsTableNotFocusable:
    "renderer/screens/connectors/GrantsTable.tsx: the scrollable grants table (TableContainer, maxHeight 320) is not keyboard-focusable; axe 'scrollable-region-focusable' (serious) on every connected screen",
  noReconnectAfterFailedSave:
    "A failed Save ends in SALESFORCE_ERROR with action 'retry' (main/connection/service.ts forward()); ErrorAlert offers no button for it (ConnectionAlerts passes no onRetry), so there is no Reconnect",
} as const;
