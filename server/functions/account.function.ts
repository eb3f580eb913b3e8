import { SCHEMAS } from '@core/api/schemas';
import { bindByQr, previewGridByQr } from '../use-cases/account/bind-by-qr';
import { bindHousehold } from '../use-cases/account/bind-household';
import { getMe } from '../use-cases/account/get-me';
import { leaveHousehold } from '../use-cases/account/leave-household';
import { listBuildings, listCommunities, listHouseholds } from '../use-cases/account/list-places';
import { redeemInvitationSchema } from '@core/api/people.schemas';
import { redeemInvitation } from '../use-cases/people/redeem-invitation';
import { BINDING_SCHEMAS } from '@core/api/binding.schemas';
import { confirmBinding } from '../use-cases/account/confirm-binding';
import { listPendingBindings } from '../use-cases/account/list-pending-bindings';
import { rejectBinding } from '../use-cases/account/reject-binding';
import { claimUpload } from '../use-cases/uploads/accept-upload';
import { defineFunction } from './define-function';

const s = SCHEMAS.account;

/** Who I am and where I live: the resident's side of binding to a household. */
export const accountFunction = defineFunction('account', {
  me: { permission: 'place.browse', input: s.me, run: (ctx) => getMe(ctx) },
  communities: { permission: 'place.browse', input: s.communities, run: (ctx) => listCommunities(ctx) },
  buildings: { permission: 'place.browse', input: s.buildings, run: listBuildings },
  households: { permission: 'place.browse', input: s.households, run: listHouseholds },
  gridByQr: { permission: 'household.bind', input: s.gridByQr, run: previewGridByQr },
  bindHousehold: { permission: 'household.bind', input: s.bindHousehold, run: bindHousehold },
  bindByQr: { permission: 'household.bind', input: s.bindByQr, run: bindByQr },
  leaveHousehold: { permission: 'household.bind', input: s.leaveHousehold, run: (ctx) => leaveHousehold(ctx) },
  redeemInvitation: { permission: 'invitation.redeem', input: redeemInvitationSchema, run: redeemInvitation },
  // On CloudBase the app writes a file to storage itself and then claims it here (limits, real type, record).
  claimUpload: { permission: 'file.upload', input: s.claimUpload, run: claimUpload },
  // The grid worker's side: bindings stay 待确认 until a worker of the grid (or its community's staff) settles them.
  pendingBindings: { permission: 'binding.confirm', input: BINDING_SCHEMAS.pendingBindings, run: listPendingBindings },
  confirmBinding: { permission: 'binding.confirm', input: BINDING_SCHEMAS.confirmBinding, run: confirmBinding },
  rejectBinding: { permission: 'binding.confirm', input: BINDING_SCHEMAS.rejectBinding, run: rejectBinding },
});
