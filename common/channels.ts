import type { OperationName } from './contract-names';

/** IPC channel names are derived from the contract, so no module spells one by hand. */
export const channelOf = (operation: OperationName): string => `agent-connections:${operation}`;
export const eventChannel = 'agent-connections:event';
