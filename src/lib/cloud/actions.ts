import type { ActionName, FunctionName } from '@core/api/contract';

export type ActionKind = 'read' | 'write';

/**
 * Every action of the contract, classified. Reads are safe to send twice, so the client retries them
 * once after a network failure; a write is never repeated behind the person's back (it may have landed).
 * The mapped type makes a new action in the contract a compile error here until it is classified.
 */
export const ACTION_KINDS: { [F in FunctionName]: Record<ActionName<F>, ActionKind> } = {
  account: {
    me: 'read',
    communities: 'read',
    buildings: 'read',
    households: 'read',
    gridByQr: 'read',
    bindHousehold: 'write',
    bindByQr: 'write',
    leaveHousehold: 'write',
  },
  grid: {
    myCard: 'read',
    card: 'read',
    myCardEdit: 'read',
    updateMyCard: 'write',
    list: 'read',
    workers: 'read',
    assign: 'write',
    poster: 'read',
  },
};

export function isRead<F extends FunctionName>(fn: F, action: ActionName<F>): boolean {
  return (ACTION_KINDS[fn] as Record<string, ActionKind | undefined>)[action] === 'read';
}
