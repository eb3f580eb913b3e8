import { VISIT_SCHEMAS } from '@core/api/visit.schemas';
import { householdHistory } from '../use-cases/visits/household-history';
import { listDue } from '../use-cases/visits/list-due';
import { listVisitHouseholds } from '../use-cases/visits/list-households';
import { recordVisit } from '../use-cases/visits/record-visit';
import { visitCoverage } from '../use-cases/visits/visit-coverage';
import { defineFunction } from './define-function';

const s = VISIT_SCHEMAS.visit;

/** 走访 / 巡查: recording visits (idempotent per client key), 今日待访, the household list and history, coverage for staff. */
export const visitFunction = defineFunction('visit', {
  record: { permission: 'visit.record', input: s.record, run: recordVisit },
  due: { permission: 'visit.read', input: s.due, run: listDue },
  households: { permission: 'visit.read', input: s.households, run: listVisitHouseholds },
  history: { permission: 'visit.read', input: s.history, run: householdHistory },
  coverage: { permission: 'visit.coverage', input: s.coverage, run: visitCoverage },
});
