import { CHECKIN_SCHEMAS as s } from '@core/api/checkin.schemas';
import { answerCheckIn, answerForHousehold, myCheckIns } from '../use-cases/checkins/answer-checkin';
import { checkInProgress, gridDoors, listCheckIns } from '../use-cases/checkins/checkin-progress';
import { closeCheckIn, remindNotYet } from '../use-cases/checkins/close-checkin';
import { startCheckIn } from '../use-cases/checkins/start-checkin';
import { defineFunction } from './define-function';

/**
 * 报平安: staff ask a scope's households one question, each household answers once, grid workers work through
 * the not-yet doors. Each action names its permission; the use case checks the exact scope on the server.
 */
export const checkinFunction = defineFunction('checkin', {
  start: { permission: 'checkin.start', input: s.start, run: startCheckIn },
  list: { permission: 'checkin.read', input: s.list, run: (ctx) => listCheckIns(ctx) },
  progress: { permission: 'checkin.read', input: s.progress, run: checkInProgress },
  doors: { permission: 'checkin.read', input: s.doors, run: gridDoors },
  mine: { permission: 'checkin.answer', input: s.mine, run: (ctx) => myCheckIns(ctx) },
  answer: { permission: 'checkin.answer', input: s.answer, run: answerCheckIn },
  answerFor: { permission: 'checkin.answerFor', input: s.answerFor, run: answerForHousehold },
  remind: { permission: 'checkin.remind', input: s.remind, run: remindNotYet },
  close: { permission: 'checkin.close', input: s.close, run: closeCheckIn },
});
