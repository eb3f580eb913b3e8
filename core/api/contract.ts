/**
 * The typed contract between the app and the cloud functions: for every function and action, what goes
 * in and what comes out. The functions implement it; the app's client is typed by it.
 */
import type { ContactCard, ContactCardView } from '../contact-card/contact-card';
import type { DutySlot } from '../contact-card/duty-hours';
import type { Role, RoleGrant } from '../people/role';
import type { CheckInContract } from './checkin.contract';
import type { NoticeContract } from './notice.contract';
import type { MessageContract } from './message.contract';
import type { RequestContract } from './request.contract';
import type { PeopleContract } from './people.contract';
import type { RegisterContract } from './register.contract';
import type { BindingContract } from './binding.contract';
import type { AssessmentContract } from './assessment.contract';
import type { Open311Contract } from './open311.contract';
import type { VisitContract } from './visit.contract';

export interface RoleView {
  role: Role;
  label: string;
  /** Where the role sits, in words: 东湖社区 / 东湖社区第3网格. */
  where: string;
}

export interface MeView {
  userId: string;
  name: string;
  roles: RoleView[];
  grants: RoleGrant[];
  residence: {
    gridId: string;
    gridName: string;
    communityId: string;
    communityName: string;
    householdId: string | null;
    address: string | null;
    via: 'address' | 'qr';
    /** 待网格员确认 until a worker of the grid confirms; a pending binding reaches the grid only. */
    status: 'pending' | 'confirmed';
    statusLabel: string;
    /** Others confirmed in the same household, names masked (张*); empty unless this binding is confirmed. */
    housemates: string[];
  } | null;
  /** The last binding was returned by the grid worker (and nothing was bound since). */
  bindingRejected: { at: string; reason: string | null } | null;
}

export interface CommunityOption {
  id: string;
  name: string;
  streetName: string;
}

export interface BuildingOption {
  id: string;
  name: string;
  units: number;
  gridId: string;
}

export interface HouseholdOption {
  id: string;
  room: string;
}

export interface QrGridPreview {
  gridId: string;
  gridName: string;
  communityName: string;
  boundaryText: string;
  buildings: BuildingOption[];
}

export interface PersonRef {
  id: string;
  name: string;
}

export interface GridSummary {
  id: string;
  code: string;
  name: string;
  communityId: string;
  communityName: string;
  households: number;
  primary: PersonRef | null;
  backup: PersonRef | null;
  version: number;
}

export interface WorkerSummary {
  id: string;
  name: string;
  workPhone: string;
  communityId: string;
  communityName: string;
  /** Grids where this worker is primary. */
  grids: string[];
  /** Grids where this worker is the backup (B角). */
  backupGrids: string[];
}

export interface MyCardEdit {
  card: ContactCard;
  photoUrl: string | null;
  grids: string[];
}

export interface PosterView {
  card: ContactCardView;
  /** What the QR code encodes: opens the app and binds the scanning resident to this grid. */
  bindUrl: string;
}

export interface UpdateCardInput {
  displayName: string;
  workPhone: string;
  photoFileId: string | null;
  dutyHours: DutySlot[];
  intro: string;
}

export type { ContactCard, ContactCardView, WorkerCardView } from '../contact-card/contact-card';
export type { DutySlot, Weekday } from '../contact-card/duty-hours';

type Empty = Record<string, never>;

export interface Contract extends RequestContract, NoticeContract, CheckInContract, MessageContract, PeopleContract, RegisterContract, AssessmentContract, Open311Contract, VisitContract {
  account: {
    me: { input: Empty; output: MeView };
    communities: { input: Empty; output: CommunityOption[] };
    buildings: { input: { communityId: string }; output: BuildingOption[] };
    households: { input: { buildingId: string; unit: number }; output: HouseholdOption[] };
    gridByQr: { input: { token: string }; output: QrGridPreview };
    bindHousehold: { input: { householdId: string }; output: MeView };
    bindByQr: { input: { token: string; householdId?: string }; output: MeView };
    leaveHousehold: { input: Empty; output: MeView };
    redeemInvitation: { input: { code: string; mobileLast4: string }; output: MeView };
    /** Counts and records a file the app wrote to cloud storage itself; only a claimed file is ever attached. */
    claimUpload: { input: { fileId: string }; output: { fileId: string } };
  } & BindingContract;
  grid: {
    myCard: { input: Empty; output: ContactCardView };
    card: { input: { gridId: string }; output: ContactCardView };
    myCardEdit: { input: Empty; output: MyCardEdit };
    updateMyCard: { input: UpdateCardInput; output: MyCardEdit };
    list: { input: { communityId?: string }; output: GridSummary[] };
    workers: { input: { communityId?: string }; output: WorkerSummary[] };
    assign: {
      input: { gridId: string; primaryWorkerId: string; backupWorkerId: string | null; version: number };
      output: GridSummary;
    };
    poster: { input: { gridId: string }; output: PosterView };
  };
}

export type FunctionName = keyof Contract;
export type ActionName<F extends FunctionName> = keyof Contract[F] & string;
export type ActionInput<F extends FunctionName, A extends ActionName<F>> = Contract[F][A] extends { input: infer I } ? I : never;
export type ActionOutput<F extends FunctionName, A extends ActionName<F>> = Contract[F][A] extends { output: infer O } ? O : never;

/** Every call crosses the boundary in this envelope (CloudBase `event`, gateway body). */
export interface CallEnvelope {
  action: string;
  data?: unknown;
}
