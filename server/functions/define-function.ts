/**
 * The shape every cloud function shares: caller identity → validated input → one use case → reply.
 * The production entry (`cloudfunctions/<name>/index.ts`) and the local gateway both call `handle`
 * with an identity they got from their platform and the adapters they wired; nothing here knows which.
 */
import { type DomainError, ERROR_MESSAGES, isDomainError, type Reply } from '@core/shared/errors';
import { can, type Permission } from '@core/people/permission';
import { parse, type Schema } from '@core/validation/schema';
import type { Deps, SystemContext, UserContext } from '../use-cases/context';
import type { HttpEvent, HttpResponse } from './http-event';
import { resolveActor } from '../use-cases/account/resolve-actor';

/**
 * Who is calling, as the platform says: a WeChat user (openid from `getUserInfo()` / the signed local
 * session) or the platform itself (timer triggers, HTTP API) — never anything from the request body.
 */
export type Identity = { kind: 'user'; openid: string } | { kind: 'system' };


export interface UserAction<I> {
  /** The permission this action exercises; the use case checks it against the exact scope. */
  permission: Permission;
  input: Schema<I>;
  run(ctx: UserContext, input: I): Promise<unknown>;
}

export interface SystemAction {
  permission: 'system';
  run(ctx: SystemContext): Promise<unknown>;
}

// Variance: each action's input type is its own; the table only needs to know it is checked.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type ActionTable = Record<string, UserAction<any> | SystemAction>;

export interface CloudFunction {
  name: string;
  actions: ActionTable;
  handle(identity: Identity, event: unknown, deps: Deps): Promise<Reply<unknown>>;
  /**
   * Functions reached over HTTP (CloudBase HTTP access service; locally the gateway) answer HTTP events here,
   * authenticating the call themselves (open311: api_key), never as a WeChat user.
   */
  http?(event: HttpEvent, deps: Deps): Promise<HttpResponse>;
}

/** CloudBase delivers timer triggers as `{ Type: 'Timer', TriggerName, Time }` with no user. */
export function isTimerEvent(event: unknown): event is { Type: 'Timer'; TriggerName: string } {
  return typeof event === 'object' && event !== null && (event as { Type?: unknown }).Type === 'Timer';
}

function fail(code: keyof typeof ERROR_MESSAGES, message?: string): Reply<never> {
  return { ok: false, code, message: message ?? ERROR_MESSAGES[code] };
}

export function defineFunction(name: string, actions: ActionTable, options: { timerAction?: string } = {}): CloudFunction {
  async function dispatch(identity: Identity, event: unknown, deps: Deps): Promise<Reply<unknown>> {
    const now = deps.clock.now();
    if (isTimerEvent(event)) {
      const action = options.timerAction ? actions[options.timerAction] : undefined;
      if (identity.kind !== 'system' || !action || action.permission !== 'system') return fail('AUTH.FORBIDDEN');
      return { ok: true, data: await action.run({ deps, now }) };
    }
    const envelope = (typeof event === 'object' && event !== null ? event : {}) as { action?: unknown; data?: unknown };
    const actionName = typeof envelope.action === 'string' ? envelope.action : '';
    const action = Object.prototype.hasOwnProperty.call(actions, actionName) ? actions[actionName] : undefined;
    if (!action) return fail('ACTION.UNKNOWN');
    if (action.permission === 'system') {
      if (identity.kind !== 'system') return fail('AUTH.FORBIDDEN');
      return { ok: true, data: await action.run({ deps, now }) };
    }
    if (identity.kind !== 'user' || !identity.openid) return fail('AUTH.UNAUTHENTICATED');
    const input = parse(action.input, envelope.data);
    if (!input.ok) return { ok: false, code: 'INPUT.INVALID', message: input.issues[0].message, issues: input.issues };
    const { actor, user } = await resolveActor(deps, identity.openid, now);
    // A coarse check first: the role must hold the permission somewhere; the use case then checks the exact scope.
    if (!can(actor, action.permission)) return fail('AUTH.FORBIDDEN');
    return { ok: true, data: await action.run({ actor, user, deps, now }, input.value) };
  }

  return {
    name,
    actions,
    async handle(identity, event, deps) {
      try {
        return await dispatch(identity, event, deps);
      } catch (e) {
        if (isDomainError(e)) {
          const err = e as DomainError;
          return err.issues ? { ok: false, code: err.code, message: err.message, issues: err.issues } : { ok: false, code: err.code, message: err.message };
        }
        deps.log.error(`[${name}] unexpected error`, e);
        return fail('INTERNAL');
      }
    },
  };
}
