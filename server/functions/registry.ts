import type { ComposedFunctionName } from '../composition/compositions';
import { accountFunction } from './account.function';
import { assessmentFunction } from './assessment.function';
import type { CloudFunction } from './define-function';
import { gridFunction } from './grid.function';
import { housekeepingFunction } from './housekeeping.function';
import { messageFunction } from './message.function';
import { noticeFunction } from './notice.function';
import { open311Function } from './open311.function';
import { peopleFunction } from './people.function';
import { registerFunction } from './register.function';
import { requestFunction } from './request.function';
import { visitFunction } from './visit.function';

/** Every cloud function by its deploy name; the local gateway routes `/api/fn/<name>` through this table. */
export const FUNCTIONS = {
  account: accountFunction,
  assessment: assessmentFunction,
  grid: gridFunction,
  housekeeping: housekeepingFunction,
  request: requestFunction,
  message: messageFunction,
  notice: noticeFunction,
  open311: open311Function,
  people: peopleFunction,
  register: registerFunction,
  visit: visitFunction,
} as const satisfies Record<string, CloudFunction>;

export type DeployedFunctionName = keyof typeof FUNCTIONS;

// Every function has exactly one composition row (server/composition/compositions.ts), and every row a function.
const _everyFunctionComposed: Record<DeployedFunctionName, unknown> = {} as Record<ComposedFunctionName, unknown>;
const _everyCompositionDeployed: Record<ComposedFunctionName, unknown> = FUNCTIONS;
void _everyFunctionComposed;
void _everyCompositionDeployed;
