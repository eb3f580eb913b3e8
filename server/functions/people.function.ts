import { PEOPLE_SCHEMAS as s } from '@core/api/people.schemas';
import { createInvitation } from '../use-cases/people/create-invitation';
import { listAudit } from '../use-cases/people/list-audit';
import { listPeople } from '../use-cases/people/list-people';
import { revokePerson } from '../use-cases/people/revoke-person';
import { defineFunction } from './define-function';

/** 人员管理: the staff register's people, their invitations, revoking, and the audit log. */
export const peopleFunction = defineFunction('people', {
  list: { permission: 'people.invite', input: s.list, run: listPeople },
  invite: { permission: 'people.invite', input: s.invite, run: createInvitation },
  revoke: { permission: 'people.revoke', input: s.revoke, run: revokePerson },
  audit: { permission: 'audit.read', input: s.audit, run: listAudit },
});
