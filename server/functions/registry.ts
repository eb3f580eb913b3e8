import { accountFunction } from './account.function';
import { assessmentFunction } from './assessment.function';
import { checkinFunction } from './checkin.function';
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
  checkin: checkinFunction,
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
